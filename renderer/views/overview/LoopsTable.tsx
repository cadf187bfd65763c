import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatDuration } from '../../format/time.ts';
import { useLoopsStore } from '../../state/stores-context.tsx';

/** Each background loop's own health, as it reported its runs: a stuck loop shows as late, not as fine. */
export function LoopsTable() {
  const loops = useLoopsStore((s) => s.loops);
  const status = useLoopsStore((s) => s.status);
  const error = useLoopsStore((s) => s.error);
  const reload = useLoopsStore((s) => s.reload);
  if (error && loops.length === 0) return <ErrorBanner title="Could not read the loops" error={error} onRetry={() => void reload()} />;
  if (status === 'loading') return <p className="muted">Loading loops…</p>;
  if (loops.length === 0) return <p className="muted">No loops are registered.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Loop</th>
            <th scope="col">State</th>
            <th scope="col" className="cell-number">
              Runs
            </th>
            <th scope="col" className="cell-number">
              Errors
            </th>
            <th scope="col">Last run</th>
            <th scope="col" className="cell-number">
              Took
            </th>
            <th scope="col">Next run</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {loops.map((l) => (
            <tr key={l.name}>
              <th scope="row" title={l.description}>
                {l.name}
                <span className="sub">{l.description}</span>
              </th>
              <td>
                <span className={`badge loop-${l.state}`}>{l.state}</span>
              </td>
              <td className="cell-number">{l.runs}</td>
              <td className="cell-number">{l.errors}</td>
              <td>
                <Timestamp at={l.lastRunAt} />
              </td>
              <td className="cell-number">{l.lastDurationMs === null ? <span className="muted">unknown</span> : formatDuration(l.lastDurationMs)}</td>
              <td>
                <Timestamp at={l.nextRunAt} missing="not scheduled" future />
              </td>
              <td className="message">{l.lastError ?? <span className="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
