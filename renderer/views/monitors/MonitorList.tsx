import { useId, useMemo, useState } from 'react';
import type { MonitorStatusName } from '../../../preload/contract.ts';
import { SelectField, type Choice } from '../../components/SelectField.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { STATUS_ORDER } from '../../state/monitor-collection.ts';
import { useMonitorsStore, useProjectsStore, useSettingsStore } from '../../state/stores-context.tsx';
import { filterMonitors, NO_FILTER, type MonitorFilter, type StatusFilter } from './monitor-filter.ts';
import { MonitorCells, MonitorHeaderCells } from './MonitorCells.tsx';
import { StatusCounts } from './StatusCounts.tsx';

const ROW_HEIGHT = 56;

const STATUS_CHOICES: readonly Choice<StatusFilter>[] = [
  { value: 'all', label: 'Any status' },
  ...STATUS_ORDER.map((s): Choice<MonitorStatusName> => ({ value: s, label: s })),
];

export function MonitorList() {
  const collection = useMonitorsStore((s) => s.collection);
  const status = useMonitorsStore((s) => s.status);
  const projects = useProjectsStore((s) => s.projects);
  const staleAfterSeconds = useSettingsStore((s) => s.settings?.staleAfterSeconds);
  const [filter, setFilter] = useState<MonitorFilter>(NO_FILTER);
  const searchId = useId();
  const ids = useMemo(() => filterMonitors(collection, filter), [collection, filter]);
  const total = collection.byId.size;

  const projectChoices = useMemo<Choice<string>[]>(
    () => [
      { value: 'all', label: 'All projects' },
      { value: 'none', label: 'No project' },
      ...projects.map((p) => ({ value: `p:${p.id}`, label: p.name })),
    ],
    [projects],
  );

  return (
    <section aria-labelledby="monitor-list-title">
      <div className="list-head">
        <h2 id="monitor-list-title">Monitor list</h2>
        <p className="muted" role="status">
          {status === 'loading' ? 'Loading monitors…' : ids.length === total ? `${total} monitors` : `Showing ${ids.length} of ${total} monitors`}
        </p>
      </div>
      <StatusCounts counts={collection.counts} total={total} selected={filter.status} onSelect={(s) => setFilter((f) => ({ ...f, status: s }))} />
      <div className="filter-bar">
        <div className="field">
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            type="search"
            placeholder="Name, target, kind or reason"
            value={filter.text}
            onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          />
        </div>
        <SelectField label="Status" value={filter.status} choices={STATUS_CHOICES} onChange={(s) => setFilter((f) => ({ ...f, status: s }))} />
        <SelectField label="Project" value={filter.project} choices={projectChoices} onChange={(p) => setFilter((f) => ({ ...f, project: p }))} />
      </div>
      {status === 'ready' && total === 0 && <p className="muted">No monitors yet. Add one, or import a project’s photon.yml.</p>}
      {total > 0 && ids.length === 0 && <p className="muted">No monitor matches this filter.</p>}
      {ids.length > 0 && (
        <VirtualList
          label="Monitors"
          className="monitor-table"
          items={ids}
          rowHeight={ROW_HEIGHT}
          rowKey={(id) => id}
          header={<MonitorHeaderCells />}
          renderRow={(id) => {
            const m = collection.byId.get(id);
            if (!m) return null;
            const parent = m.blockedBy === null ? null : (collection.byId.get(m.blockedBy)?.name ?? null);
            return <MonitorCells monitor={m} blockedByName={parent} staleAfterSeconds={staleAfterSeconds} />;
          }}
        />
      )}
    </section>
  );
}
