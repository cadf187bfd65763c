import type { MonitorDetail } from '../../../../preload/contract.ts';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { formatAt, isoOf } from '../../../format/time.ts';
import { flattenEvidence } from './evidence.ts';

interface Props {
  evidence: MonitorDetail['lastEvidence'];
  staleAfterSeconds: number | undefined;
}

/** What the last check actually saw, as it reported it. */
export function EvidenceBlock({ evidence, staleAfterSeconds }: Props) {
  if (!evidence) return <p className="muted">No result yet, so no evidence.</p>;
  const lines = flattenEvidence(evidence.evidence);
  return (
    <>
      <p className="muted">
        Measured <time dateTime={isoOf(evidence.at)}>{formatAt(evidence.at)}</time> (<Timestamp at={evidence.at} staleAfterSeconds={staleAfterSeconds} />)
      </p>
      {lines.length === 0 ? (
        <p className="muted">The check reported no evidence.</p>
      ) : (
        <dl className="facts evidence">
          {lines.map((l, i) => (
            <div key={i} className="fact">
              <dt>{l.key}</dt>
              <dd>{l.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
