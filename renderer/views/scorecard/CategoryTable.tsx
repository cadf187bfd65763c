import type { CategoryReport } from '../../../preload/schemas/scorecard.ts';
import { PRIORITY_CLASS, pct } from './labels.ts';

/** The reference report's scorecard table, with bars: current against its target, and the gap. */
export function CategoryTable({ categories }: { categories: CategoryReport[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table scorecard-table" aria-label="Readiness by category">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Current</th>
            <th scope="col" className="cell-number">Target</th>
            <th scope="col">Gap</th>
            <th scope="col">Priority</th>
            <th scope="col" className="cell-number">Checks (pass / fail / unknown / n/a)</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>
                <Bar value={c.current} marker={c.target} kind="current" />
                <span className="bar-text">{pct(c.current)}</span>
              </td>
              <td className="cell-number">{c.target}%</td>
              <td>
                <Bar value={c.gap} kind="gap" />
                <span className="bar-text">{pct(c.gap)}</span>
              </td>
              <td>
                <span className={`badge ${PRIORITY_CLASS[c.priority]}`}>{c.priority}</span>
              </td>
              <td className="cell-number">
                {c.counts.pass} / {c.counts.fail} / {c.counts.unknown} / {c.counts.not_applicable}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A 0–100 bar; the number beside it is what a reader relies on. */
function Bar({ value, marker, kind }: { value: number | null; marker?: number; kind: 'current' | 'gap' }) {
  return (
    <span className={`bar bar-${kind}`} aria-hidden="true">
      {value !== null && <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />}
      {marker !== undefined && <span className="bar-marker" style={{ left: `${Math.max(0, Math.min(100, marker))}%` }} />}
    </span>
  );
}
