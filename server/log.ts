import pino, { type DestinationStream, type Logger } from 'pino';

/** A leveled, structured logger with a component tag; tests pass a silent one. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Log;
}

type Sink = (line: string) => void;

export interface LogOptions {
  /** Human-readable lines through pino-pretty (a dev dependency: the demo, never production). */
  pretty?: boolean;
  level?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Secrets never reach a log line, whatever a caller passes in its fields: passwords, tokens,
 * cookies and authorization headers are replaced, at the top level and one or two levels down.
 */
const SECRET_FIELDS = ['password', 'newPassword', 'token', 'cookie', 'authorization', 'set-cookie', 'metricsToken'];
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, join('*'), join('*.*'), join('headers'), join('req.headers')];
});

/** JSON lines on stderr (one object per line: time, level, component, msg, fields), implemented on pino. */
export function createLog(component = 'floorboard', sink?: Sink, options: LogOptions = {}): Log {
  const settings = {
    level: options.level ?? 'info',
    base: null,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  const destination: DestinationStream = sink
    ? { write: (line: string) => sink(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : options.pretty
      ? pino.transport({
          target: 'pino-pretty',
          options: { destination: 2, ignore: 'pid,hostname,component', messageFormat: '{component} | {msg}' },
        })
      : pino.destination({ dest: 2, sync: true });
  return wrap(pino(settings, destination), component);
}

function wrap(root: Logger, component: string): Log {
  const logger = root.child({ component });
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
    child: (name) => wrap(root, `${component}:${name}`),
  };
}

export const silentLog: Log = {
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLog,
};
