import type { AgentIngestInfo } from '../../../preload/schemas/agents.ts';
import { curlSnippet } from './agent-labels.ts';

interface Props {
  ingest: AgentIngestInfo | null;
  /** Set right after a token was created: the only time it is ever shown. */
  fresh: { agentCode: string; token: string } | null;
  onDismiss(): void;
}

/** Where agents report, and the exact commands to do it. */
export function ReportInPanel({ ingest, fresh, onDismiss }: Props) {
  return (
    <section className="card" aria-labelledby="report-in-title">
      <h2 id="report-in-title">Report in</h2>
      {!ingest?.url ? (
        <p className="banner banner-warning">{ingest?.error ?? 'Reading where agents report…'}</p>
      ) : (
        <>
          <p>
            Agents push heartbeats, task events and status lines to <span className="code">{ingest.url}</span> (loopback only), each with its own token. Replays with the same{' '}
            <span className="code">key</span> are answered 409 and stored once.
          </p>
          {fresh && (
            <div className="banner banner-warning" role="status" data-testid="fresh-token">
              <p className="banner-title">Push token for agent {fresh.agentCode} — shown only now</p>
              <p>
                Copy it into the agent's configuration. Photon keeps it in the OS keychain and only its SHA-256 in its database; it cannot show it again. A new token
                replaces it.
              </p>
              <pre className="code snippet">{fresh.token}</pre>
              <button type="button" onClick={onDismiss}>
                I have copied it
              </button>
            </div>
          )}
          <pre className="code snippet" aria-label="curl commands for an agent" data-testid="curl-snippet">
            {curlSnippet(ingest.url, fresh?.token ?? '<token>')}
          </pre>
        </>
      )}
    </section>
  );
}
