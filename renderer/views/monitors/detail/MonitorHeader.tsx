import type { MonitorDetail, MonitorSummary } from '../../../../preload/contract.ts';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { formatLatency, formatMetric, plural } from '../../../format/numbers.ts';
import { formatAt, formatInterval, isoOf } from '../../../format/time.ts';
import { useMonitorsStore, useProjectsStore } from '../../../state/stores-context.tsx';
import { roleLabel, sourceText } from '../monitor-labels.ts';
import { monitorHref } from '../monitor-route.ts';
import { certificateFacts } from './evidence.ts';

interface Props {
  summary: MonitorSummary;
  detail: MonitorDetail | null;
  staleAfterSeconds: number | undefined;
}

/** Status, why, and the facts about the monitor; every measured value carries its time. */
export function MonitorHeader({ summary: m, detail, staleAfterSeconds }: Props) {
  const parent = useMonitorsStore((s) => (m.parentId === null ? undefined : s.collection.byId.get(m.parentId)));
  const blocker = useMonitorsStore((s) => (m.blockedBy === null ? undefined : s.collection.byId.get(m.blockedBy)));
  const project = useProjectsStore((s) => s.projects.find((p) => p.id === m.projectId));
  const source = sourceText(m.source);
  const def = detail?.definition;
  const cert = detail?.lastEvidence ? certificateFacts(detail.lastEvidence.evidence, detail.lastEvidence.at) : null;

  return (
    <div className="card monitor-header">
      <p className="status-line">
        <StatusBadge status={m.status} />
        {m.paused && <span className="badge paused-tag">PAUSED</span>}
        <span className="reason">{m.reason}</span>
      </p>
      <p className="muted">
        {m.status} since <time dateTime={isoOf(m.statusSince)}>{formatAt(m.statusSince)}</time> (<Timestamp at={m.statusSince} />)
        {m.blockedBy !== null && (
          <>
            {' '}
            — blocked by <a href={monitorHref(m.blockedBy)}>{blocker?.name ?? `monitor ${m.blockedBy}`}</a>, which is failing
          </>
        )}
      </p>
      <dl className="facts">
        <dt>Target</dt>
        <dd>
          <code>{m.target}</code>
        </dd>
        <dt>Kind and role</dt>
        <dd>
          {m.kind} · {roleLabel(m.role)}
        </dd>
        <dt>Source</dt>
        <dd title={source.title}>{m.source.type === 'file' ? `${m.source.file}:${m.source.line}` : 'UI (created in Photon Console)'}</dd>
        <dt>Project</dt>
        <dd>{project ? project.name : m.projectId === null ? <span className="muted">none</span> : m.projectId}</dd>
        <dt>Schedule</dt>
        <dd>
          {formatInterval(m.intervalSeconds)}
          {def && (
            <>
              ; DOWN after {plural(def.failureThreshold, 'failure')} in a row, UP again after {plural(def.successThreshold, 'success', 'successes')}
            </>
          )}
          {m.paused && <strong> — paused, no checks run</strong>}
        </dd>
        <dt>Conditions</dt>
        <dd>
          {!def ? (
            <span className="muted">loading…</span>
          ) : def.conditions.length === 0 ? (
            <span className="muted">the defaults of the {m.kind} check</span>
          ) : (
            <ul className="plain-list">
              {def.conditions.map((c, i) => (
                <li key={i}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Parent</dt>
        <dd>{m.parentId === null ? <span className="muted">none</span> : <a href={monitorHref(m.parentId)}>{parent?.name ?? `monitor ${m.parentId}`}</a>}</dd>
        <dt>Last check</dt>
        <dd>
          {m.lastCheckedAt === null ? (
            <span className="muted">none yet</span>
          ) : (
            <>
              <time dateTime={isoOf(m.lastCheckedAt)}>{formatAt(m.lastCheckedAt)}</time> (<Timestamp at={m.lastCheckedAt} staleAfterSeconds={staleAfterSeconds} />)
            </>
          )}
        </dd>
        <dt>Last latency</dt>
        <dd>{formatLatency(m.lastLatencyMs)}{m.lastCheckedAt !== null && <span className="muted"> (at the last check)</span>}</dd>
        {def?.metric && (
          <>
            <dt>{def.metric.name}</dt>
            <dd>
              {formatMetric(m.lastMetric, def.metric.unit)}
              {m.lastCheckedAt !== null && <span className="muted"> (at the last check)</span>}
            </dd>
          </>
        )}
        {cert && detail?.lastEvidence && (
          <>
            <dt>TLS certificate</dt>
            <dd>
              <strong className={cert.daysLeft < 14 ? 'text-danger' : undefined}>
                {cert.daysLeft < 0 ? `expired ${plural(-cert.daysLeft, 'day')} ago` : `${plural(cert.daysLeft, 'day')} left`}
              </strong>
              {cert.validTo && <> (valid to {cert.validTo})</>}
              <span className="muted">
                , seen <Timestamp at={detail.lastEvidence.at} staleAfterSeconds={staleAfterSeconds} />
              </span>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
