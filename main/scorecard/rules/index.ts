import type { CheckDefinition } from '../types.ts';
import { authenticationChecks } from './authentication.ts';
import { commercialChecks } from './commercial.ts';
import { documentationChecks } from './documentation.ts';
import { infrastructureChecks } from './infrastructure.ts';
import { monitoringChecks } from './monitoring.ts';
import { performanceChecks } from './performance.ts';
import { securityChecks } from './security.ts';
import { testingChecks } from './testing.ts';

/** Every check, in report order (by category, then as declared). */
export const ALL_CHECKS: readonly CheckDefinition[] = [
  ...infrastructureChecks,
  ...authenticationChecks,
  ...securityChecks,
  ...performanceChecks,
  ...commercialChecks,
  ...monitoringChecks,
  ...documentationChecks,
  ...testingChecks,
];
