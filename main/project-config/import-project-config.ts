import fs from 'node:fs';
import path from 'node:path';
import type { MethodResult, Project } from '../../preload/contract.ts';
import { ContractError } from '../api/contract-error.ts';
import type { MonitoringService } from '../monitors/index.ts';
import type { RecoveryService } from '../recovery/index.ts';
import type { EnvironmentRepository } from './environment-repository.ts';
import { readPhotonYml } from './read-photon-yml.ts';

export const CONFIG_FILE = 'photon.yml';
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads <repoPath>/photon.yml and applies it: all of it, or — when anything is wrong — none of it. */
export function importProjectConfig(
  project: Project,
  monitoring: MonitoringService,
  environment: EnvironmentRepository,
  recovery: RecoveryService,
): MethodResult<'importProjectConfig'> {
  if (!project.repoPath) {
    throw new ContractError('INVALID_INPUT', `Project "${project.name}" has no repository path; set one to import its ${CONFIG_FILE}`, 'projectId');
  }
  const file = path.join(project.repoPath, CONFIG_FILE);
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_CONFIG_BYTES) throw new ContractError('INVALID_INPUT', `${file} is larger than 1 MiB`, 'projectId');
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ContractError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ContractError('NOT_FOUND', code === 'ENOENT' ? `There is no ${CONFIG_FILE} in ${project.repoPath}` : `Cannot read ${file}: ${(err as Error).message}`, 'projectId');
  }
  const config = readPhotonYml(text, file);
  const problems = config.problems.length > 0 ? config.problems : recovery.checkFileRunbooks(file, config.runbooks, project.id);
  if (problems.length > 0) return { file, monitors: 0, removed: 0, runbooks: 0, problems };
  const applied = monitoring.importFromFile(project.id, file, config.monitors);
  const runbooks = recovery.replaceFileRunbooks(file, config.runbooks);
  if (config.environment) environment.set(project.id, config.environment, file);
  return { file, ...applied, runbooks: runbooks.runbooks, problems: [] };
}
