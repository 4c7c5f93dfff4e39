// The head (last seq and hash) of every session, kept outside the database file. Truncating the
// database's tail leaves a chain that verifies on its own; comparing with this file catches it.
//
// Written after commits, coalesced, by write-to-temp + rename so the file is always whole. It may
// lag the database by the last few events after a crash (never lead it, since it is written after
// the commit), and verification treats "database ahead of the side file" as normal.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export interface Head {
  seq: number;
  hash: string;
}

const headsFileSchema = z.object({
  format: z.literal(1),
  sessions: z.record(z.string(), z.object({ seq: z.number().int().nonnegative(), hash: z.string() })),
});

export class HeadsFile {
  private heads: Record<string, Head>;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly file: string,
    private readonly delayMs = 50,
  ) {
    this.heads = HeadsFile.read(file) ?? {};
  }

  static read(file: string): Record<string, Head> | null {
    if (!existsSync(file)) return null;
    try {
      return headsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).sessions;
    } catch {
      return null;
    }
  }

  get(sessionId: string): Head | null {
    return this.heads[sessionId] ?? null;
  }

  record(sessionId: string, head: Head): void {
    this.heads[sessionId] = head;
    if (this.delayMs === 0) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ format: 1, sessions: this.heads })}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
