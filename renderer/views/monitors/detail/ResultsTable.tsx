import type { MonitorDetail } from '../../../../preload/contract.ts';
import { formatLatency, formatMetric } from '../../../format/numbers.ts';
import { formatAt, isoOf } from '../../../format/time.ts';

interface Props {
  results: MonitorDetail['recentResults'];
  metricUnit: string | undefined;
  hasMetric: boolean;
}

/** The raw results behind the charts, newest first, exactly as the checks reported them. */
export function ResultsTable({ results, metricUnit, hasMetric }: Props) {
  if (results.length === 0) return <p className="muted">No results yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="cell-number">
              Latency
            </th>
            {hasMetric && (
              <th scope="col" className="cell-number">
                Metric
              </th>
            )}
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.at}>
              <td>
                <time dateTime={isoOf(r.at)}>{formatAt(r.at)}</time>
              </td>
              <td>
                <span className={`badge outcome-${r.outcome}`}>{r.outcome}</span>
              </td>
              <td className="cell-number">{formatLatency(r.latencyMs)}</td>
              {hasMetric && <td className="cell-number">{formatMetric(r.metric, metricUnit)}</td>}
              <td className="message">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
