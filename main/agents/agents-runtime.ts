import type Database from 'better-sqlite3';
import type { AgentIngestInfo } from '../../preload/schemas/agents.ts';
import { CONFIG } from '../core/config.ts';
import { errorMessage } from '../core/error-message.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import { startIntervalLoop, type LoopRegistry } from '../loops/index.ts';
import { parseSecretRef, type SecretStore } from '../secrets/index.ts';
import { AgentsService } from './agents-service.ts';
import { startPushServer, type RunningPushServer } from './ingest/push-server.ts';
import { PullRunner } from './ingest/pull-runner.ts';
import { PullSourceRepository, toPullSource } from './ingest/pull-sources.ts';

export interface AgentsOptions {
  /** Port of the push ingest on 127.0.0.1; null or absent: no listener (tests that do not need it). 0: any free port. */
  ingestPort?: number | null;
  maxBodyBytes?: number;
  rate?: { perSecond: number; burst: number };
  badTokenRate?: { perSecond: number; burst: number };
  sweepEveryMs?: number;
  ingestCheckEveryMs?: number;
  pullEveryMs?: number;
}

export interface AgentsRuntime {
  service: AgentsService;
  pullSources: PullSourceRepository;
  pull: PullRunner;
  /** The vault, for the API keys of pull sources. */
  secretsStore: SecretStore;
  /** Keychain refs held by a project's agents and pull sources (read before the project is removed). */
  secretRefsOf(projectId: string): string[];
  /** Deletes those keychain entries, best effort: the rows that pointed to them are gone already. */
  forgetSecrets(refs: readonly string[]): Promise<void>;
  /** Sends agentPullSourcesChanged with the current list. */
  announceSources(): void;
  ingestInfo(): AgentIngestInfo;
  /** Resolves once the push listener is up or has failed (its loop then says why). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface AgentsDeps {
  db: Database.Database;
  events: EventBus;
  secrets: SecretStore;
  logger: Logger;
  loops: LoopRegistry;
  projectIds: () => string[];
  options: AgentsOptions;
}

/** Builds the agents domain and starts its three named loops: push ingest, staleness sweep, pull. */
export function startAgents(deps: AgentsDeps): AgentsRuntime {
  const { options } = deps;
  const service = new AgentsService(deps);
  service.seedProjects(deps.projectIds());
  const unsubscribe = deps.events.onAny((event) => {
    if (event === 'projectsChanged') service.seedProjects(deps.projectIds());
  });

  const sweepEvery = options.sweepEveryMs ?? CONFIG.agents.sweepEveryMs;
  const sweep = startIntervalLoop(
    deps.loops.register('agents.presence', 'Moves silent agents to STALE / OFFLINE and prunes old heartbeats', sweepEvery),
    sweepEvery,
    () => service.sweep(),
  );

  const pullSources = new PullSourceRepository(deps.db);
  const pull = new PullRunner({ service, sources: pullSources, secrets: deps.secrets, events: deps.events, logger: deps.logger });
  const pullEvery = options.pullEveryMs ?? CONFIG.agents.pullEveryMs;
  const pullLoop = startIntervalLoop(
    deps.loops.register('agents.pull', 'Reads agent events from remote JSON endpoints and SQLite registries over SSH', pullEvery),
    pullEvery,
    () => pull.runDue(),
  );

  let server: RunningPushServer | null = null;
  let ingestError: string | null = null;
  let checkLoop: ReturnType<typeof startIntervalLoop> | null = null;
  const ingestPort = options.ingestPort ?? null;
  const ingestEvery = options.ingestCheckEveryMs ?? CONFIG.agents.ingestCheckEveryMs;
  const ingestReporter = deps.loops.register('agents.ingest', 'Push ingest listener on 127.0.0.1: answers its own health probe', ingestEvery);
  const ready =
    ingestPort === null
      ? Promise.resolve()
      : (async () => {
          const started = Date.now();
          try {
            server = await startPushServer({
              service,
              logger: deps.logger,
              host: '127.0.0.1',
              port: ingestPort,
              maxBodyBytes: options.maxBodyBytes ?? CONFIG.agents.maxBodyBytes,
              rate: options.rate ?? CONFIG.agents.rate,
              badTokenRate: options.badTokenRate ?? CONFIG.agents.badTokenRate,
            });
            ingestReporter.finished(started, null);
            const url = server.url;
            // Health is measured from outside the handler: a real request to the listener.
            checkLoop = startIntervalLoop(ingestReporter, ingestEvery, () => probe(url));
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            ingestError =
              code === 'EADDRINUSE'
                ? `Port ${ingestPort} on 127.0.0.1 is already in use, so agents cannot push reports; choose another agent port`
                : `The push ingest could not listen on 127.0.0.1:${ingestPort}: ${errorMessage(err)}`;
            ingestReporter.finished(started, ingestError);
            deps.logger.warn(ingestError);
          }
        })();

  return {
    service,
    pullSources,
    pull,
    secretsStore: deps.secrets,
    secretRefsOf: (projectId) => [
      ...service.roster.list(projectId).flatMap((a) => (a.tokenRef ? [a.tokenRef] : [])),
      ...pullSources.list(projectId).flatMap((p) => (p.apiKeyRef ? [p.apiKeyRef] : [])),
    ],
    forgetSecrets: async (refs) => {
      for (const ref of refs) {
        try {
          await deps.secrets.delete(parseSecretRef(ref));
        } catch (err) {
          deps.logger.warn(`Could not delete ${ref} from the keychain: ${errorMessage(err)}`);
        }
      }
    },
    announceSources: () => deps.events.emit('agentPullSourcesChanged', { sources: pullSources.list(null).map(toPullSource) }),
    ready,
    ingestInfo: () => ({
      url: server?.url ?? null,
      error: ingestPort === null ? 'The push ingest is not enabled in this process (no agent port was configured)' : ingestError,
    }),
    close: async () => {
      unsubscribe();
      await ready;
      await Promise.all([sweep.stop(), pullLoop.stop(), checkLoop?.stop()]);
      await server?.close();
      service.close();
    },
  };
}

async function probe(base: string): Promise<void> {
  const res = await fetch(new URL('health', base), { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`the push ingest answered its health probe with HTTP ${res.status}`);
  await res.arrayBuffer();
}
