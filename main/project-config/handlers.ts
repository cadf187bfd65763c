import type { Project } from '../../preload/contract.ts';
import type { Handlers } from '../api/dispatcher.ts';
import type { MonitoringService } from '../monitors/index.ts';
import type { RecoveryService } from '../recovery/index.ts';
import type { EnvironmentRepository } from './environment-repository.ts';
import { importProjectConfig } from './import-project-config.ts';

export interface ProjectConfigDeps {
  requireProject: (id: string) => Project;
  monitoring: MonitoringService;
  environment: EnvironmentRepository;
  recovery: RecoveryService;
}

/** photon.yml import: monitors, runbooks and declared facts from a project's repository. */
export function projectConfigHandlers(deps: ProjectConfigDeps) {
  return {
    importProjectConfig: (input) => importProjectConfig(deps.requireProject(input.projectId), deps.monitoring, deps.environment, deps.recovery),
  } satisfies Partial<Handlers>;
}
