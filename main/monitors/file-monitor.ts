import type { MonitorDefinition } from '../../preload/contract.ts';

/** A monitor as a project's photon.yml declares it: what the engine's importFromFile applies. */
export interface FileMonitor {
  definition: Omit<MonitorDefinition, 'parentId' | 'projectId'>;
  /** 1-based line of the monitor's entry, shown in the UI as its source. */
  line: number;
  dependsOn: string | null;
}
