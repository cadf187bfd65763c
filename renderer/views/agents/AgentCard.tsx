import type { AgentSummary } from '../../../preload/schemas/agents.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { PRESENCE_CLASS, TRUST_CLASS, trustLevelText } from './agent-labels.ts';
import { TrustDetails } from './TrustDetails.tsx';

interface Props {
  agent: AgentSummary;
  staleAfterSeconds: number | undefined;
  selected: boolean;
  onSelect(): void;
  onEdit(): void;
  onToken(): void;
  onRetire(): void;
}

/** One agent: who it is, whether it is there, what it does, and how far its record says to trust it. */
export function AgentCard({ agent, staleAfterSeconds, selected, onSelect, onEdit, onToken, onRetire }: Props) {
  const { trust } = agent;
  const retired = agent.retiredAt !== null;
  return (
    <article className={`card agent-card${selected ? ' agent-selected' : ''}${retired ? ' agent-retired' : ''}`} aria-labelledby={`agent-${agent.id}-name`} data-agent={agent.code}>
      <header className="agent-head">
        <h3 id={`agent-${agent.id}-name`}>
          <span className="agent-code">{agent.code}</span> {agent.name}
        </h3>
        {retired ? <span className="badge status-unknown">RETIRED</span> : <span className={`badge ${PRESENCE_CLASS[agent.presence]}`} data-testid="presence">{agent.presence}</span>}
      </header>
      <p className="muted agent-role">
        {agent.role}
        {agent.backedBy && <> · {agent.backedBy}</>}
        {agent.capabilities.length > 0 && <> · {agent.capabilities.join(', ')}</>}
      </p>
      <dl className="facts agent-facts">
        <dt>Since</dt>
        <dd>
          <Timestamp at={agent.presenceSince} />
        </dd>
        <dt>Last heartbeat</dt>
        <dd data-testid="last-heartbeat">
          <Timestamp at={agent.lastHeartbeatAt} staleAfterSeconds={staleAfterSeconds} />
        </dd>
        <dt>Current task</dt>
        <dd data-testid="current-task">
          {agent.currentTask ? (
            <>
              {agent.currentTask.title} <span className="muted">({agent.currentTask.taskId}, started <Timestamp at={agent.currentTask.startedAt} />)</span>
              {agent.tasksInProgress > 1 && <span className="muted"> +{agent.tasksInProgress - 1} more</span>}
            </>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        <dt>Status</dt>
        <dd data-testid="status-text">
          {agent.status ? (
            <>
              {agent.status.text} <span className="muted">(<Timestamp at={agent.status.at} staleAfterSeconds={staleAfterSeconds} />)</span>
            </>
          ) : (
            <span className="muted">no status reported</span>
          )}
        </dd>
        <dt>Last 24 h</dt>
        <dd>
          {agent.last24h.success} succeeded, {agent.last24h.failure} failed
          {agent.last24h.avgQuality !== null && <span className="muted"> · quality {agent.last24h.avgQuality.toFixed(2)}</span>}
        </dd>
        <dt>Trust</dt>
        <dd data-testid="trust">
          <span className={`badge ${TRUST_CLASS[trust.level]}`}>{trustLevelText(trust.level)}</span>{' '}
          {trust.score !== null ? <strong>{trust.score.toFixed(1)}</strong> : <span className="muted">no score</span>}{' '}
          <span className="muted">confidence {Math.round(trust.confidence * 100)} %</span>
        </dd>
      </dl>
      <TrustDetails trust={trust} />
      <div className="actions">
        <button type="button" onClick={onSelect} aria-pressed={selected}>
          History
        </button>
        {!retired && (
          <>
            <button type="button" onClick={onEdit}>
              Edit
            </button>
            <button type="button" onClick={onToken}>
              {agent.token ? 'New push token' : 'Create push token'}
            </button>
            <button type="button" className="danger-quiet" onClick={onRetire}>
              Retire
            </button>
          </>
        )}
      </div>
    </article>
  );
}
