import type { AgentSummary, PresenceState } from '../../../preload/schemas/agents.ts';
import type { Project } from '../../../preload/contract.ts';
import { PRESENCE_CLASS } from './agent-labels.ts';

const STATES: PresenceState[] = ['ONLINE', 'IDLE', 'STALE', 'OFFLINE'];

/** Per project: who is there and how much is in flight and done — counted from the agents' own reports. */
export function Workload({ projects, agents }: { projects: readonly Project[]; agents: readonly AgentSummary[] }) {
  const rows = projects.map((p) => {
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
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Agents</th>
              <th scope="col">Presence</th>
              <th scope="col">Tasks in progress</th>
              <th scope="col">Finished (24 h)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.project.id}>
                <th scope="row">{r.project.name}</th>
                <td className="cell-number">{r.agents}</td>
                <td>
                  {r.states
                    .filter(([, n]) => n > 0)
                    .map(([s, n]) => (
                      <span key={s} className={`badge ${PRESENCE_CLASS[s]}`}>
                        {n} {s}
                      </span>
                    ))}
                </td>
                <td className="cell-number">{r.inProgress}</td>
                <td>
                  {r.success} succeeded, {r.failure} failed
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
