import type { AgentSummary, PresenceState } from '../../../preload/schemas/agents.ts';
import type { Project } from '../../../preload/contract.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { PRESENCE_CLASS } from './agent-labels.ts';

const STATES: PresenceState[] = ['ONLINE', 'IDLE', 'STALE', 'OFFLINE'];

interface Row {
  project: Project;
  states: ReadonlyArray<readonly [PresenceState, number]>;
  inProgress: number;
  success: number;
  failure: number;
  agents: number;
}

// The counts are right-aligned in their cells only; the headers stay as they are.
const COLUMNS: readonly Column<Row>[] = [
  { key: 'project', header: 'Project', rowHeader: true, render: (r) => r.project.name },
  { key: 'agents', header: 'Agents', className: 'cell-number', render: (r) => r.agents },
  {
    key: 'presence',
    header: 'Presence',
    render: (r) =>
      r.states
        .filter(([, n]) => n > 0)
        .map(([s, n]) => (
          <span key={s} className={`badge ${PRESENCE_CLASS[s]}`}>
            {n} {s}
          </span>
        )),
  },
  { key: 'in-progress', header: 'Tasks in progress', className: 'cell-number', render: (r) => r.inProgress },
  {
    key: 'finished',
    header: 'Finished (24 h)',
    render: (r) => (
      <>
        {r.success} succeeded, {r.failure} failed
      </>
    ),
  },
];

/** Per project: who is there and how much is in flight and done — counted from the agents' own reports. */
export function Workload({ projects, agents }: { projects: readonly Project[]; agents: readonly AgentSummary[] }) {
  const rows = projects.map((p): Row => {
    const mine = agents.filter((a) => a.projectId === p.id && a.retiredAt === null);
    const count = (s: PresenceState) => mine.filter((a) => a.presence === s).length;
    return {
      project: p,
      states: STATES.map((s) => [s, count(s)] as const),
      inProgress: mine.reduce((n, a) => n + a.tasksInProgress, 0),
      success: mine.reduce((n, a) => n + a.last24h.success, 0),
      failure: mine.reduce((n, a) => n + a.last24h.failure, 0),
      agents: mine.length,
    };
  });
  return (
    <section className="card" aria-labelledby="workload-title">
      <h2 id="workload-title">Workload per project</h2>
      <DataTable columns={COLUMNS} rows={rows} rowKey={(r) => r.project.id} scrollClassName="table-scroll" />
    </section>
  );
}
