import type { AssessmentDiff } from '../../../preload/schemas/scorecard.ts';
import { STATUS_LABEL, pct } from './labels.ts';

/** What moved since the previous assessment of this project. */
export function ChangesSinceLast({ diff }: { diff: AssessmentDiff }) {
  if (diff.previousId === null) return <p className="muted">This is the first assessment of this project; the next one will be compared with it.</p>;
  const moved = diff.categories.filter((c) => c.from !== c.to);
  return (
    <>
      <p>
        Overall: {diff.overallDelta === null ? 'not comparable (a score is unknown)' : diff.overallDelta === 0 ? 'unchanged' : `${diff.overallDelta > 0 ? '+' : ''}${diff.overallDelta} points`}
      </p>
      {moved.length > 0 && (
        <ul className="changes-list">
          {moved.map((c) => (
            <li key={c.name}>
              {c.name}: {pct(c.from)} → {pct(c.to)}
            </li>
          ))}
        </ul>
      )}
      {diff.checks.length === 0 ? (
        <p className="muted">No check changed status.</p>
      ) : (
        <ul className="changes-list" aria-label="Checks that changed">
          {diff.checks.map((c) => (
            <li key={c.id}>
              {c.title}: {c.from === null ? 'new' : STATUS_LABEL[c.from]} → {c.to === null ? 'removed' : STATUS_LABEL[c.to]}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
