import type { z } from 'zod';

/** "field: message" of a zod error's first issue: the reason a 400 (or a dead letter) gives. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`;
}
