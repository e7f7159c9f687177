import { exportPath, type ExportFormat, type ExportKind, type ExportQuery } from '../../shared/domain/exports';

/**
 * The download link of an export (GET /api/exports/<what>.<format>): the browser fetches it with
 * the session cookie and saves the file the server names (Content-Disposition).
 */
export const exportUrl = (what: ExportKind, format: ExportFormat, query: ExportQuery): string =>
  exportPath(what, format, query);
