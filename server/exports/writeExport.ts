import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { EpochMs } from '../../shared/time';
import type { Cell, Column, ExportTable } from './exportTable';

/** Turns an instant into the floor's wall clock (see wallClock in exportTable.ts). */
export type WallClock = (at: EpochMs) => { utc: number; text: string };

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets a leading apostrophe: shown as text, never evaluated (CSV injection).
 */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(column: Column, value: Cell, wall: WallClock): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'int':
    case 'number':
      return String(value);
    case 'money':
      return typeof value === 'number' ? value.toFixed(2) : '';
    case 'datetime':
      return typeof value === 'number' ? wall(value).text : '';
    case 'bool':
      return value ? 'yes' : 'no';
    default:
      return defuse(String(value));
  }
}

/**
 * CSV for Excel: a UTF-8 byte-order mark (so Chinese text opens right), CRLF line ends, every
 * field that needs it quoted; rows are streamed with back-pressure.
 */
export async function writeCsv(table: ExportTable, out: Writable, wall: WallClock): Promise<void> {
  const { columns } = table;
  async function* records() {
    for await (const row of table.rows) yield columns.map((c, i) => csvCell(c, row[i] ?? null, wall));
  }
  const csv = stringify({
    bom: true,
    record_delimiter: 'windows',
    header: true,
    columns: columns.map((c) => c.header),
  });
  await pipeline(Readable.from(records()), csv, out);
}

const NUM_FMT: Partial<Record<Column['type'], string>> = {
  int: '0',
  number: '0.####',
  money: '#,##0.00',
  day: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

function xlsxCell(column: Column, value: Cell, wall: WallClock): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'int':
    case 'number':
    case 'money':
      return typeof value === 'number' ? value : null;
    case 'day':
      return typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : null;
    case 'datetime':
      return typeof value === 'number' ? new Date(wall(value).utc) : null;
    case 'bool':
      return value ? 'yes' : 'no';
    default:
      // Written as a string cell: a spreadsheet never evaluates it, so it is kept as it was.
      return String(value);
  }
}

/**
 * XLSX through exceljs's streaming writer: numbers as numbers, days and times as real dates with a
 * number format, the header row bold and frozen, column widths set.
 */
export async function writeXlsx(table: ExportTable, out: Writable, wall: WallClock): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Floorboard';
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of table.rows) {
    sheet.addRow(table.columns.map((c, i) => xlsxCell(c, row[i] ?? null, wall))).commit();
  }
  sheet.commit();
  await workbook.commit();
}
