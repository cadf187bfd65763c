import type { Migration } from '../migrate.ts';
import { migration as m001 } from './001-projects.ts';
import { migration as m002 } from './002-monitoring.ts';
import { migration as m003 } from './003-hosts-and-recovery.ts';
import { migration as m004 } from './004-agents.ts';
import { migration as m005 } from './005-readiness-assessments.ts';
import { migration as m006 } from './006-alerts-maintenance-backups.ts';

/**
 * Ordered, append-only: one file per version (NNN-name.ts, exporting `migration`). A migration that
 * has shipped is never edited: users' databases already ran it. Add a new file and list it at the end.
 */
export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006];
