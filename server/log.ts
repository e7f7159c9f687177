/** A tiny leveled logger with a component tag; tests pass a silent one. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Log;
}

type Sink = (line: string) => void;

export function createLog(component = 'floorboard', sink: Sink = (line) => process.stderr.write(`${line}\n`)): Log {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    sink(`${new Date().toISOString()} ${level} [${component}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (name) => createLog(`${component}:${name}`, sink),
  };
}

export const silentLog: Log = {
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLog,
};
