import type { Response } from 'express';
import type { Ack } from '../../shared/contracts/socket';
import type { ErrorResponse } from '../../shared/contracts/http';

export { firstIssue } from '../../shared/validation';

export function sendError(res: Response, status: number, error: string): void {
  res.status(status).json({ error } satisfies ErrorResponse);
}

/** Sends a service result: the value with `okStatus`, or the error with its status. */
export function sendAck<T>(res: Response, result: Ack<T>, okStatus = 200): void {
  if (result.ok) res.status(okStatus).json(result.value);
  else sendError(res, result.status, result.error);
}
