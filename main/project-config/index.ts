import type Database from 'better-sqlite3';
import { EnvironmentRepository } from './environment-repository.ts';
import { projectConfigHandlers, type ProjectConfigDeps } from './handlers.ts';

export { EnvironmentRepository } from './environment-repository.ts';
export { readPhotonYml } from './read-photon-yml.ts';

/** photon.yml import and the facts a project declares about its environment. */
export function createProjectConfig(deps: Omit<ProjectConfigDeps, 'environment'> & { db: Database.Database }) {
  const { db, ...rest } = deps;
  const service = new EnvironmentRepository(db);
  return { service, handlers: projectConfigHandlers({ ...rest, environment: service }) };
}
