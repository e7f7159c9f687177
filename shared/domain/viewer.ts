import { z } from 'zod';
import { idSchema } from '../events/callEvent';

export const ROLES = ['supervisor', 'lead', 'rep'] as const;
export type Role = (typeof ROLES)[number];

/** Who is on the other end of a request or socket, as the server established it. */
export type Viewer =
  | { kind: 'kiosk'; id: string; name: string }
  | { kind: 'user'; username: string; role: 'supervisor' }
  | { kind: 'user'; username: string; role: 'lead'; team: string }
  | { kind: 'user'; username: string; role: 'rep'; rep: string; team: string | null };

/** What part of the floor a viewer's live feed covers. */
export type Scope = { kind: 'floor' } | { kind: 'team'; team: string } | { kind: 'rep'; rep: string };

/** An account as the API shows it: never the password or its hash. */
export interface UserView {
  username: string;
  role: Role;
  team: string | null;
  rep: string | null;
  createdAt: number;
}

export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'must be 2-32 chars of a-z 0-9 . _ - starting with a letter or digit');
export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

/** A new account: a lead needs a team, a rep needs a rep id (and may name a team). */
export const newUserSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    role: z.enum(ROLES),
    team: idSchema.optional(),
    rep: idSchema.optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === 'lead' && !u.team)
      ctx.addIssue({ code: 'custom', path: ['team'], message: 'is required for a lead' });
    if (u.role === 'rep' && !u.rep) ctx.addIssue({ code: 'custom', path: ['rep'], message: 'is required for a rep' });
  });
export type NewUser = z.infer<typeof newUserSchema>;

export const loginSchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
