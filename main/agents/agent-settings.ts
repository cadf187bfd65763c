import type Database from 'better-sqlite3';
import type { AgentSettings } from '../../preload/schemas/agents.ts';
import { DEFAULT_THRESHOLDS, type PresenceThresholds } from './presence.ts';

/** Presence thresholds per project; a project that never set them uses the reference rhythm. */
export class AgentSettingsRepository {
  private readonly cache = new Map<string, PresenceThresholds>();

  constructor(private readonly db: Database.Database) {}

  get(projectId: string): AgentSettings {
    return { projectId, ...this.thresholds(projectId) };
  }

  thresholds(projectId: string): PresenceThresholds {
    const cached = this.cache.get(projectId);
    if (cached) return cached;
    const row = this.db
      .prepare('SELECT heartbeat_seconds, stale_after_seconds, offline_after_seconds FROM agent_project_settings WHERE project_id = ?')
      .get(projectId) as { heartbeat_seconds: number; stale_after_seconds: number; offline_after_seconds: number } | undefined;
    const t = row
      ? { heartbeatSeconds: row.heartbeat_seconds, staleAfterSeconds: row.stale_after_seconds, offlineAfterSeconds: row.offline_after_seconds }
      : DEFAULT_THRESHOLDS;
    this.cache.set(projectId, t);
    return t;
  }

  set(projectId: string, t: PresenceThresholds): AgentSettings {
    this.db
      .prepare(
        `INSERT INTO agent_project_settings (project_id, heartbeat_seconds, stale_after_seconds, offline_after_seconds) VALUES (?, ?, ?, ?)
         ON CONFLICT (project_id) DO UPDATE SET heartbeat_seconds = excluded.heartbeat_seconds,
           stale_after_seconds = excluded.stale_after_seconds, offline_after_seconds = excluded.offline_after_seconds`,
      )
      .run(projectId, t.heartbeatSeconds, t.staleAfterSeconds, t.offlineAfterSeconds);
    this.cache.set(projectId, { ...t });
    return this.get(projectId);
  }

  forget(projectId: string): void {
    this.cache.delete(projectId);
  }
}
