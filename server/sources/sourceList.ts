import type { SourceStatus } from '../../shared/domain/sourceHealth';
import type { IngestKeyRepo } from '../redis/ingestKeyRepo';
import type { SourceHealthRepo } from '../redis/sourceHealthRepo';

/** Every source of call events: adapters (their health records), then HTTP ingest keys (their last use). */
export function createSourceList(deps: { sourceHealth: SourceHealthRepo; ingestKeys?: Pick<IngestKeyRepo, 'list'> }) {
  async function adapters(): Promise<SourceStatus[]> {
    return (await deps.sourceHealth.loadAll())
      .map((r) => ({
        source: r.source,
        kind: 'adapter' as const,
        connected: r.connected,
        lastEventAt: r.lastEventAt,
        eventsPerMinute: r.eventsPerMinute,
        errorsPerMinute: r.errorsPerMinute,
        lastError: r.lastError,
        lastErrorAt: r.lastErrorAt,
        updatedAt: r.updatedAt,
        connectedAt: r.connectedAt ?? null,
        endedAt: r.endedAt ?? null,
      }))
      .sort((a, b) => a.source.localeCompare(b.source));
  }
  return {
    /** The adapters only (the silent-source alert's input: an HTTP source speaks when it has news). */
    adapters,
    async all(): Promise<SourceStatus[]> {
      const keys = deps.ingestKeys ? await deps.ingestKeys.list() : [];
      const http = keys.map((key): SourceStatus => ({
        source: key.name,
        kind: 'http',
        connected: null,
        lastEventAt: key.lastUsedAt,
        eventsPerMinute: null,
        errorsPerMinute: null,
        lastError: null,
        lastErrorAt: null,
        updatedAt: null,
        connectedAt: null,
        endedAt: null,
        revoked: key.revokedAt !== null,
      }));
      return [...(await adapters()), ...http];
    },
  };
}
export type SourceList = ReturnType<typeof createSourceList>;
