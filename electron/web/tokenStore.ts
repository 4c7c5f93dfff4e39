// The browser shell's access tokens and port, kept beside the workspace database so a restart of
// `tminus serve` on the same data dir keeps every open tab and the wall display working (issue 14).
// Owner-only (0600): whoever reads this file can act as the writer.
//
// Tokens are a list of entries with a role, not two fixed fields, so that later kinds (a seat token
// per named person) are one more role here and one more line in `accessOfRole`.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Access } from '../../shared/api/define';
import { newToken, type Tokens } from './auth';

export const TOKENS_FILE = 'tminus.tokens.json';

const tokenRoleSchema = z.enum(['writer', 'viewer', 'seat']);
export type TokenRole = z.infer<typeof tokenRoleSchema>;
/** The roles every console has exactly one token of; seats have one each, made by the IC. */
const SHELL_ROLES = ['writer', 'viewer'] as const;

const tokenEntrySchema = z.object({
  role: tokenRoleSchema,
  token: z.string().min(16).max(200),
  createdAt: z.string(),
  /** For a seat: which seat of which session the token stands for. */
  seatId: z.string().optional(),
  sessionId: z.string().optional(),
});
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

const tokenFileSchema = z.object({
  version: z.literal(1),
  /** The port the shell listened on last; null until it has listened once. */
  port: z.number().int().min(1).max(65535).nullable(),
  /** The LAN listener's port last time (`--lan`), so seats' links survive a restart. */
  lanPort: z.number().int().min(1).max(65535).nullable().optional(),
  tokens: z.array(tokenEntrySchema),
});
export type TokenFile = z.infer<typeof tokenFileSchema>;

export class TokenFileError extends Error {}

export function accessOfRole(role: TokenRole): Access {
  return role === 'viewer' ? 'read' : 'write';
}

/** The one token of a role (the shell hands out exactly one writer and one viewer link). */
export function tokensOf(file: TokenFile): Tokens {
  const of = (role: (typeof SHELL_ROLES)[number]) => file.tokens.find((entry) => entry.role === role)!.token;
  return { writer: of('writer'), viewer: of('viewer') };
}

export interface LoadTokensOptions {
  dataDir: string;
  /** `--new-token`: replace every token (old links and open tabs stop working). */
  rotate?: boolean;
  now?: () => Date;
}

export interface LoadedTokens {
  file: TokenFile;
  /** What happened, for the terminal: kept from the last run, or new (and why). */
  origin: 'kept' | 'created' | 'rotated';
}

/**
 * The stored tokens, completed with a new one for any missing role and written back; a file that
 * is not ours is an error naming it (never silently replaced: that would cut off every open tab).
 */
export function loadOrCreateTokens(options: LoadTokensOptions): LoadedTokens {
  const path = join(options.dataDir, TOKENS_FILE);
  const now = (options.now ?? (() => new Date()))().toISOString();
  let stored: TokenFile | null = null;
  if (existsSync(path)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new TokenFileError(`${path} is not valid JSON (${(error as Error).message}); remove it or start with --new-token`);
    }
    const parsed = tokenFileSchema.safeParse(json);
    if (!parsed.success) {
      throw new TokenFileError(`${path} is not a T-Minus token file (${parsed.error.issues[0]?.message ?? 'unexpected shape'}); remove it or start with --new-token`);
    }
    stored = parsed.data;
  }
  const kept = options.rotate ? [] : (stored?.tokens ?? []);
  const tokens = [...kept];
  for (const role of SHELL_ROLES) {
    if (!tokens.some((entry) => entry.role === role)) tokens.push({ role, token: newToken(), createdAt: now });
  }
  const file: TokenFile = { version: 1, port: stored?.port ?? null, lanPort: stored?.lanPort ?? null, tokens };
  saveTokenFile(options.dataDir, file);
  const origin = options.rotate && stored ? 'rotated' : kept.length === tokens.length ? 'kept' : 'created';
  return { file, origin };
}

/** Written to a temp file and renamed, so a crash never leaves half a file (and no tokens). */
export function saveTokenFile(dataDir: string, file: TokenFile): void {
  const path = join(dataDir, TOKENS_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(tokenFileSchema.parse(file), null, 2)}\n`, { mode: 0o600 });
  // The mode above is filtered by the umask; the file must be owner-only whatever the umask says.
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/** The stored file, or null when there is none yet (or it is not ours: loadOrCreateTokens says why). */
export function readTokenFile(dataDir: string): TokenFile | null {
  const path = join(dataDir, TOKENS_FILE);
  if (!existsSync(path)) return null;
  try {
    const parsed = tokenFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
