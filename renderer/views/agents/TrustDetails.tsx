import type { Trust } from '../../../preload/schemas/agents.ts';
import { formatAt } from '../../format/time.ts';

const FACTOR_NAMES = { reliability: 'Reliability', consistency: 'Consistency', responsiveness: 'Responsiveness' } as const;

const shown = (v: number | null, digits = 3) => (v === null ? 'not measured' : String(Number(v.toFixed(digits))));

/** The score's formula and every input that produced it, next to the score itself. */
export function TrustDetails({ trust }: { trust: Trust }) {
  return (
    <details className="trust-details">
      <summary>How this trust score was computed</summary>
      <dl className="trust-factors">
        {(Object.keys(FACTOR_NAMES) as Array<keyof typeof FACTOR_NAMES>).map((k) => {
          const f = trust.factors[k];
          return (
            <div key={k} className="trust-factor">
              <dt>
                {FACTOR_NAMES[k]} <strong>{shown(f.value)}</strong> <span className="muted">weight {f.weight}</span>
              </dt>
              <dd>
                <span className="code">{f.explanation}</span>
                <br />
                <span className="muted">
                  {Object.entries(f.inputs)
                    .map(([name, v]) => `${name} ${v === null ? '–' : v}`)
                    .join(' · ')}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="muted">
        {trust.observations.tasks} finished tasks ({trust.observations.effectiveTasks} after recency weighting), {trust.observations.heartbeatIntervals} heartbeat
        intervals; computed {formatAt(trust.computedAt)}.
      </p>
      <p className="formula">{trust.formula}</p>
    </details>
  );
}
