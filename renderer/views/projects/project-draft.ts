import type { Project } from '../../../preload/contract.ts';
import type { ApiError } from '../../api/client.ts';

/** What the add and edit forms hold: plain strings, exactly as typed. */
export interface ProjectDraft {
  name: string;
  repoPath: string;
  notes: string;
}
export type DraftField = keyof ProjectDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

export const EMPTY_DRAFT: ProjectDraft = { name: '', repoPath: '', notes: '' };

export const draftOf = (p: Project): ProjectDraft => ({ name: p.name, repoPath: p.repoPath ?? '', notes: p.notes });

/** Only what needs no round trip; the core checks everything again and has the last word. */
export function checkDraft(draft: ProjectDraft): FieldErrors {
  return draft.name.trim() === '' ? { name: 'Enter a name for the project.' } : {};
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

/** Puts a core error next to the field it names, or above the form when it names none of them. */
export function placeError(err: ApiError): { fields: FieldErrors; form: string | null } {
  const field = err.field;
  if (field === 'name' || field === 'repoPath' || field === 'notes') return { fields: { [field]: err.message }, form: null };
  return { fields: {}, form: err.message };
}
