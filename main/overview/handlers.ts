import type { LoopHealth } from '../../preload/contract.ts';
import type { Handlers } from '../api/dispatcher.ts';
import type { MonitoringService } from '../monitors/index.ts';
import type { EnvironmentRepository } from '../project-config/index.ts';
import { buildOverview } from './build-overview.ts';

export interface OverviewDeps {
  monitoring: Pick<MonitoringService, 'snapshot'>;
  loops: () => LoopHealth[];
  environment: Pick<EnvironmentRepository, 'get'>;
  requireProject: (id: string) => unknown;
  staleAfterSeconds: () => number;
}

/** The Overview, built from the live snapshot at the moment it is asked for. */
export function overviewHandlers(deps: OverviewDeps) {
  return {
    getOverview: (input) => {
      const projectId = input.projectId ?? null;
      if (projectId !== null) deps.requireProject(projectId);
      return buildOverview({
        projectId,
        monitors: deps.monitoring.snapshot().filter((m) => projectId === null || m.record.definition.projectId === projectId),
        loops: deps.loops(),
        declared: projectId === null ? null : deps.environment.get(projectId),
        staleAfterSeconds: deps.staleAfterSeconds(),
        now: Date.now(),
      });
    },
  } satisfies Partial<Handlers>;
}
