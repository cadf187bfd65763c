import { randomUUID } from 'node:crypto';
import type { ParsedInput, Project } from '../../preload/contract.ts';
import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { ProjectsRepository } from './projects-repository.ts';

/** Project rules: names unique (case-insensitive), every change announced so views stay current. */
export class ProjectsService {
  constructor(
    private readonly repo: ProjectsRepository,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Project[] {
    return this.repo.list();
  }

  add(input: ParsedInput<'addProject'>): Project {
    this.assertNameFree(input.name);
    const at = this.now().toISOString();
    const project: Project = {
      id: randomUUID(),
      name: input.name,
      repoPath: input.repoPath || null,
      notes: input.notes ?? '',
      createdAt: at,
      updatedAt: at,
    };
    this.repo.insert(project);
    this.announce();
    return project;
  }

  update(input: ParsedInput<'updateProject'>): Project {
    const current = this.require(input.id);
    if (input.name !== undefined && input.name.toLowerCase() !== current.name.toLowerCase()) {
      this.assertNameFree(input.name);
    }
    const next: Project = {
      ...current,
      name: input.name ?? current.name,
      repoPath: input.repoPath === undefined ? current.repoPath : input.repoPath || null,
      notes: input.notes ?? current.notes,
      updatedAt: this.now().toISOString(),
    };
    this.repo.update(next);
    this.announce();
    return next;
  }

  remove(id: string): { removed: true } {
    if (!this.repo.remove(id)) throw notFound(id);
    this.announce();
    return { removed: true };
  }

  require(id: string): Project {
    const p = this.repo.get(id);
    if (!p) throw notFound(id);
    return p;
  }

  private assertNameFree(name: string): void {
    if (this.repo.findByName(name)) {
      throw new ContractError('CONFLICT', `A project named "${name}" already exists`, 'name');
    }
  }

  private announce(): void {
    this.events.emit('projectsChanged', { projects: this.repo.list() });
  }
}

const notFound = (id: string) => new ContractError('NOT_FOUND', `No project with id "${id}"`, 'id');
