import { constants, createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse, type CsvError } from 'csv-parse';
import type { SourceEvent } from '../../../shared/events/callEvent';
import { MAX_TS_AHEAD_MS } from '../../../shared/events/parseCallEvent';
import type { Adapter, AdapterContext } from '../types';
import { AdapterUsageError } from '../usage';
import { loadAgentsFile, type AgentDirectory } from '../freeswitch/agents';
import { RowError, genericRow, vicidialAgentRow, vicidialLogRow, type RowResult } from './rows';
import { VICIDIAL_STATUSES, mapFileSchema, statusTable, type MapFile } from './statuses';

const usage = `csv FILE --format vicidial|generic [--map map.json] [--agents agents.json]
    Imports a call log with its original times: VICIdial vicidial_log / vicidial_agent_log exports
    (status and pause-code tables, overridable in --map), or a generic CSV whose columns --map names.
    Bad rows are reported with their line; the rest are imported; a summary ends the run.`;

/** Bad rows printed one by one before the rest are only counted. */
const MAX_REPORTED = 100;
const BATCH = 500;

async function loadMap(path: string | undefined): Promise<MapFile> {
  if (!path) return mapFileSchema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    // Not the JSON parser's message: it quotes the file.
    const why = error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message;
    throw new AdapterUsageError(`csv: --map ${path}: ${why}`);
  }
  const parsed = mapFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AdapterUsageError(`csv: ${path}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function flags(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { format: { type: 'string' }, map: { type: 'string' }, agents: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new AdapterUsageError(`csv: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new AdapterUsageError('csv: give exactly one FILE');
  if (values.format !== 'vicidial' && values.format !== 'generic')
    throw new AdapterUsageError('csv: --format must be vicidial or generic');
  if (values.format === 'generic' && !values.map)
    throw new AdapterUsageError('csv: --format generic needs --map map.json');
  return {
    file: positionals[0]!,
    format: values.format as 'vicidial' | 'generic',
    map: values.map,
    agents: values.agents,
  };
}

async function run(argv: readonly string[], { sink, health, log }: AdapterContext): Promise<void> {
  const options = flags(argv);
  const map = await loadMap(options.map);
  if (options.format === 'generic' && !map.columns)
    throw new AdapterUsageError(`csv: ${options.map}: "columns" is required`);
  const agents: AgentDirectory | undefined = options.agents ? await loadAgentsFile(options.agents) : undefined;
  const lookup = statusTable(options.format === 'vicidial' ? VICIDIAL_STATUSES : {}, map.statuses);

  const bad: { line: number; message: string }[] = [];
  const reportBad = (line: number, reason: string) => {
    const message = `${options.file}:${line}: ${reason}`;
    health.error(message);
    bad.push({ line, message });
  };
  try {
    await access(options.file, constants.R_OK);
  } catch (error) {
    throw new AdapterUsageError(`csv: ${options.file}: ${(error as Error).message}`);
  }
  const parser = createReadStream(options.file).pipe(
    parse({
      bom: true,
      columns: (header: string[]) =>
        header.map((h) => (options.format === 'vicidial' ? h.trim().toLowerCase() : h.trim())),
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error) reportBad(Number(error.lines) || 0, error.message);
      },
    }),
  );

  let kind: 'vicidial_log' | 'vicidial_agent_log' | 'generic' | undefined;
  const seen = new Set<string>();
  const unmapped = new Map<string, number>();
  const events: SourceEvent[] = [];
  let rows = 0;
  let skipped = 0;
  let rowErrors = 0;
  const latest = Date.now() + MAX_TS_AHEAD_MS;
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    rows++;
    if (!kind) kind = detect(options.format, Object.keys(record), options.file);
    let result: RowResult;
    try {
      if (kind === 'vicidial_log') result = vicidialLogRow(record, lookup, agents);
      else if (kind === 'vicidial_agent_log') result = vicidialAgentRow(record, lookup, agents, map.pauseCodes, seen);
      else result = genericRow(record, map.columns!, lookup, agents);
      if (result.events.some((e) => e.at > latest)) throw new RowError('a time in the future');
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rowErrors++;
      reportBad(info.lines, error.message);
      continue;
    }
    health.received(1);
    if (result.skipped) skipped++;
    if (result.unmapped) unmapped.set(result.unmapped, (unmapped.get(result.unmapped) ?? 0) + 1);
    if (result.problem) log.warn(`csv: ${options.file}:${info.lines}: ${result.problem}`);
    events.push(...result.events);
  }
  // Original times kept; written in time order (stable) so statuses replay as they happened.
  events.sort((a, b) => a.at - b.at);
  for (let i = 0; i < events.length; i += BATCH) await sink.write(events.slice(i, i + BATCH));

  // The parser reads ahead, so a CSV syntax error may come before a bad row above it: report in line order.
  bad.sort((a, b) => a.line - b.line);
  for (const { message } of bad.slice(0, MAX_REPORTED)) log.warn(`csv: ${message}; row skipped`);
  if (bad.length > MAX_REPORTED) log.warn(`csv: ... and ${bad.length - MAX_REPORTED} more bad rows`);
  const parts = [
    `csv: ${options.file} (${kind ?? options.format}): ${rows + bad.length - rowErrors} rows read`,
    `${rows - rowErrors - skipped} imported as ${events.length} events`,
    `${bad.length} bad`,
  ];
  if (skipped) parts.push(`${skipped} dialer rows without an agent skipped`);
  log.info(parts.join(', '));
  if (unmapped.size) {
    const list = [...unmapped].map(([status, n]) => `${status} (${n})`).join(', ');
    log.warn(`csv: statuses without an outcome: ${list}; give them one in --map "statuses"`);
  }
}

function detect(format: 'vicidial' | 'generic', columns: string[], file: string) {
  if (format === 'generic') return 'generic' as const;
  if (columns.includes('pause_sec') && columns.includes('talk_sec')) return 'vicidial_agent_log' as const;
  if (columns.includes('uniqueid') && columns.includes('length_in_sec')) return 'vicidial_log' as const;
  throw new AdapterUsageError(
    `csv: ${file}: neither a vicidial_log nor a vicidial_agent_log export (header: ${columns.join(',').slice(0, 120)})`,
  );
}

export const csvAdapter: Adapter = { name: 'csv', usage, run };
