import path from 'node:path';
import type { MethodResult, Project } from '../../preload/contract.ts';
import { ContractError } from '../api/contract-error.ts';
import { CONFIG } from '../core/config.ts';
import { FileReadError, readRegularText, resolveInside } from '../core/read-file-safely.ts';
import type { MonitoringService } from '../monitors/index.ts';
import type { RecoveryService } from '../recovery/index.ts';
import type { EnvironmentRepository } from './environment-repository.ts';
import { readPhotonYml } from './read-photon-yml.ts';

export const CONFIG_FILE = 'photon.yml';

/** Reads <repoPath>/photon.yml and applies it: all of it, or — when anything is wrong — none of it. */
export async function importProjectConfig(
  project: Project,
  monitoring: MonitoringService,
  environment: EnvironmentRepository,
  recovery: RecoveryService,
): Promise<MethodResult<'importProjectConfig'>> {
  if (!project.repoPath) {
    throw new ContractError('INVALID_INPUT', `Project "${project.name}" has no repository path; set one to import its ${CONFIG_FILE}`, 'projectId');
  }
  const file = path.join(project.repoPath, CONFIG_FILE);
  const text = await readConfigText(project.repoPath);
  const config = readPhotonYml(text, file);
  const problems = config.problems.length > 0 ? config.problems : recovery.checkFileRunbooks(file, config.runbooks, project.id);
  if (problems.length > 0) return { file, monitors: 0, removed: 0, runbooks: 0, problems };
  const applied = monitoring.importFromFile(project.id, file, config.monitors);
  const runbooks = recovery.replaceFileRunbooks(file, config.runbooks);
  if (config.environment) environment.set(project.id, config.environment, file);
  return { file, ...applied, runbooks: runbooks.runbooks, problems: [] };
}

/**
 * The text of <repo>/photon.yml: a regular file of at most CONFIG.files.photonYmlBytes, never through
 * a link that leaves the repository (the repository is untrusted; /etc/passwd is not its config).
 */
async function readConfigText(repoPath: string): Promise<string> {
  try {
    const real = await resolveInside(repoPath, CONFIG_FILE);
    return await readRegularText(real, { maxBytes: CONFIG.files.photonYmlBytes, noFollow: true });
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.code === 'NOT_FOUND') throw new ContractError('NOT_FOUND', `There is no ${CONFIG_FILE} in ${repoPath}`, 'projectId');
    throw new ContractError('INVALID_INPUT', err.message, 'projectId');
  }
}
