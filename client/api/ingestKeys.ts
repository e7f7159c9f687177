import { ingestRoutes, type IngestKeyView, type NewIngestKeyResponse } from '../../shared/contracts/ingest';
import { api } from './http';

/** Ingestion API keys (POST /api/ingest/events): the supervisor's routes. */
export const listIngestKeys = () => api.get<{ keys: IngestKeyView[] }>(ingestRoutes.keys);
export const createIngestKey = (name: string) => api.post<NewIngestKeyResponse>(ingestRoutes.keys, { name });
export const revokeIngestKey = (id: string) => api.delete(ingestRoutes.key(id));
