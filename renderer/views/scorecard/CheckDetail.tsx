import type { CheckReport, Evidence } from '../../../preload/schemas/scorecard.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { STATUS_CLASS, STATUS_LABEL } from './labels.ts';

interface Props {
  check: CheckReport;
  staleAfterSeconds: number | undefined;
  onClose(): void;
}

/** One check in full: why it has its status, the evidence (file:line or probe and time) and the fix. */
export function CheckDetail({ check, staleAfterSeconds, onClose }: Props) {
  const titleId = `check-${check.id}-title`;
  return (
    <section className="card check-detail" aria-labelledby={titleId}>
      <div className="title-row">
        <h3 id={titleId}>{check.title}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        <span className={`badge ${STATUS_CLASS[check.status]}`}>{STATUS_LABEL[check.status]}</span> <span className="code">{check.id}</span> · {check.category} · {check.risk} risk ·{' '}
        {check.effort} effort · {check.required ? `required at this tier` : `required from the ${check.requiredFrom} tier`} · {check.source === 'live' ? 'live evidence' : 'repository evidence'}
      </p>
      <dl className="facts">
        <dt>Reason</dt>
        <dd className="check-reason">{check.reason}</dd>
        <dt>Evidence</dt>
        <dd>
          {check.evidence.length === 0 ? (
            <span className="muted">none recorded</span>
          ) : (
            <ul className="evidence-list">
              {check.evidence.map((e, i) => (
                <li key={i}>
                  <EvidenceLine evidence={e} staleAfterSeconds={staleAfterSeconds} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Remediation</dt>
        <dd className="check-remediation">{check.remediation}</dd>
      </dl>
    </section>
  );
}

function EvidenceLine({ evidence: e, staleAfterSeconds }: { evidence: Evidence; staleAfterSeconds: number | undefined }) {
  if (e.kind === 'file') {
    return (
      <>
        <span className="code">{e.line === null ? e.file : `${e.file}:${e.line}`}</span> {e.note}
      </>
    );
  }
  return (
    <>
      <span className="code">{e.probe}</span> <Timestamp at={e.at === null ? null : Date.parse(e.at)} missing="no result yet" staleAfterSeconds={staleAfterSeconds} /> — {e.note}
    </>
  );
}
