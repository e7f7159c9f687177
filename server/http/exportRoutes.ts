import express from 'express';
import { exportParamsSchema, exportQuerySchema } from '../../shared/domain/exports';
import type { ExportService } from '../exports/exportService';
import { writeCsv, writeXlsx, type WallClock } from '../exports/writeExport';
import type { Log } from '../log';
import { viewerOf } from './requireViewer';
import { firstIssue, sendError } from './validate';

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** GET /exports/<what>.<csv|xlsx>?from=&to=[&team=] (mounted under /api after authentication). */
export function createExportRoutes(deps: { exports: ExportService; wallClock: WallClock; log: Log }): express.Router {
  const router = express.Router();
  router.get('/exports/:file', async (req, res) => {
    const [what, format, ...rest] = String(req.params.file).split('.');
    const params = exportParamsSchema.safeParse({ what, format });
    if (!params.success || rest.length > 0)
      return sendError(res, 404, 'no such export: reps, campaigns, callbacks or handoffs, as .csv or .xlsx');
    const query = exportQuerySchema.safeParse(req.query);
    if (!query.success) return sendError(res, 400, firstIssue(query.error));
    const made = await deps.exports.table(viewerOf(res), params.data.what, query.data);
    if (!made.ok) return sendError(res, made.status, made.error);
    const table = made.value;
    const file = `${table.name}.${params.data.format}`; // ASCII: kind, days and a team id
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPE[params.data.format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (params.data.format === 'csv') await writeCsv(table, res, deps.wallClock);
      else await writeXlsx(table, res, deps.wallClock);
      if (!res.writableEnded) res.end();
    } catch (error) {
      // Part of the file may be out already: cut the answer so it cannot pass for a whole file.
      deps.log.warn('export failed', { file, error: String(error) });
      if (!res.headersSent) sendError(res, 500, 'the export failed');
      else res.destroy();
    }
  });
  return router;
}
