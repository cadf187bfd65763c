import { useMemo, useState } from 'react';
import type { RunSummary } from '../../../preload/schemas/recovery.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField, type Choice } from '../../components/SelectField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatDuration } from '../../format/time.ts';
import type { RunFilter } from '../../state/run-list.ts';
import { useHostsStore, useRunsStore } from '../../state/stores-context.tsx';
import { RunDrawer } from './RunDrawer.tsx';
import { RunStatusBadge } from './RunOutcome.tsx';
import { recoveryText, RUN_STATUS_CHOICES, TRIGGER_CHOICES, triggerText, type RunStatus, type RunTrigger } from './run-labels.ts';

// The built-in runbooks every host may have run, so the filter can offer them before any run was seen.
const BUILTIN_RUNBOOKS: readonly Choice<string>[] = [
  { value: 'builtin:diagnose', label: 'Diagnose' },
  { value: 'builtin:restart-service', label: 'Restart service' },
  { value: 'builtin:reboot', label: 'Reboot host' },
  { value: 'builtin:pending-updates', label: 'Pending updates' },
];

const ANY = 'any';

// Without the last column, whose button opens the record: that needs the view's state.
const COLUMNS: readonly Column<RunSummary>[] = [
  { key: 'started', header: 'Started', render: (r) => <Timestamp at={r.startedAt} /> },
  { key: 'host', header: 'Host', render: (r) => r.host },
  { key: 'runbook', header: 'Runbook', rowHeader: true, render: (r) => r.runbook },
  { key: 'trigger', header: 'Trigger', render: (r) => triggerText(r.trigger) },
  { key: 'status', header: 'Status', render: (r) => <RunStatusBadge status={r.status} /> },
  { key: 'exit', header: 'Exit', numeric: true, render: (r) => r.exitCode ?? '—' },
  { key: 'duration', header: 'Duration', numeric: true, render: (r) => (r.durationMs === null ? '—' : formatDuration(r.durationMs)) },
  { key: 'recovery', header: 'Recovery', render: recoveryText },
];

/** Every run the core recorded, newest first, with filters; a row opens the stored record with its output and digest. */
export function AuditLog() {
  const runs = useRunsStore((s) => s.runs);
  const status = useRunsStore((s) => s.status);
  const filter = useRunsStore((s) => s.filter);
  const setFilter = useRunsStore((s) => s.setFilter);
  const runbookNames = useRunsStore((s) => s.runbookNames);
  const hosts = useHostsStore((s) => s.hosts);
  const [open, setOpen] = useState<number | null>(null);

  const hostChoices = useMemo<Choice<string>[]>(() => [{ value: ANY, label: 'Any host' }, ...hosts.map((h) => ({ value: String(h.id), label: h.name }))], [hosts]);
  const runbookChoices = useMemo<Choice<string>[]>(() => {
    const seen = new Map(BUILTIN_RUNBOOKS.map((c) => [c.value, c.label]));
    for (const [id, name] of runbookNames) if (!seen.has(id)) seen.set(id, name);
    return [{ value: ANY, label: 'Any runbook' }, ...[...seen].map(([value, label]) => ({ value, label }))];
  }, [runbookNames]);

  const update = (patch: Partial<Record<keyof RunFilter, string>>) => {
    const next: RunFilter = { ...filter };
    for (const [key, value] of Object.entries(patch) as [keyof RunFilter, string][]) {
      if (value === ANY) delete next[key];
      else if (key === 'hostId') next.hostId = Number(value);
      else if (key === 'status') next.status = value as RunStatus;
      else if (key === 'trigger') next.trigger = value as RunTrigger;
      else next.runbookId = value;
    }
    setFilter(next);
  };

  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="list-head">
        <h2 id="audit-title">Audit log</h2>
        <p className="muted" role="status">
          {status === 'loading' ? 'Loading runs…' : `${runs.length} ${runs.length === 1 ? 'run' : 'runs'}${runs.length >= 100 ? ' (the newest 100)' : ''}`}
        </p>
      </div>
      <div className="filter-bar" role="group" aria-label="Filter runs">
        <SelectField label="Host" value={filter.hostId === undefined ? ANY : String(filter.hostId)} choices={hostChoices} onChange={(v) => update({ hostId: v })} />
        <SelectField label="Runbook" value={filter.runbookId ?? ANY} choices={runbookChoices} onChange={(v) => update({ runbookId: v })} />
        <SelectField label="Status" value={filter.status ?? ANY} choices={[{ value: ANY, label: 'Any status' }, ...RUN_STATUS_CHOICES]} onChange={(v) => update({ status: v })} />
        <SelectField label="Trigger" value={filter.trigger ?? ANY} choices={[{ value: ANY, label: 'Any trigger' }, ...TRIGGER_CHOICES]} onChange={(v) => update({ trigger: v })} />
      </div>
      {status === 'ready' && runs.length === 0 && <p className="muted">No run matches{Object.keys(filter).length === 0 ? ' yet' : ' this filter'}.</p>}
      {runs.length > 0 && (
        <DataTable
          columns={[
            ...COLUMNS,
            {
              key: 'details',
              header: <span className="visually-hidden">Details</span>,
              render: (r) => (
                <button type="button" onClick={() => setOpen(r.id)}>
                  Details<span className="visually-hidden"> of run {r.id}</span>
                </button>
              ),
            },
          ]}
          rows={runs}
          rowKey={(r) => r.id}
          label="Runs"
          className="audit-table"
          scrollClassName="table-scroll"
        />
      )}
      {open !== null && <RunDrawer runId={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
