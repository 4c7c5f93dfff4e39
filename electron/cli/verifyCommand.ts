// `tminus verify [--data DIR]` checks every session of a workspace (the desktop app's by default) (read-only, without its lock, so
// it can run beside a live console); `tminus verify FILE.tminus.json` checks a session file.
// One line per session: `ok <N> events …`, or `BROKEN …` naming the session and the first seq
// where its chain breaks. Exit 0 when all verify, 1 when one does not or nothing could be read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultDataDir } from '../core/paths';
import { readSessionFile } from '../report/sessionFile';
import { verifyWorkspace } from '../report/verifyWorkspace';
import { HEADS_FILE, openWorkspaceReadOnly } from '../store/workspace';
import { parseCommandArgs, UsageError, type CliIo } from './io';

export { verifyUsage } from './usage';

export async function runVerifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { data: { type: 'string' } }, true);
  if (values.data !== undefined && positionals.length > 0) throw new UsageError('give either --data DIR or a session file, not both');
  if (positionals.length > 1) throw new UsageError(`one session file at a time (got ${positionals.length})`);
  if (positionals[0] !== undefined) return verifyFile(positionals[0], io);
  return verifyDataDir(values.data ?? defaultDataDir(), io);
}

function verifyDataDir(dataDir: string, io: CliIo): number {
  const workspace = openWorkspaceReadOnly(dataDir);
  try {
    const results = verifyWorkspace(workspace);
    if (results.length === 0) io.stderr(`No sessions in ${dataDir}.`);
    if (workspace.headsProblem) io.stdout(`BROKEN ${join(dataDir, HEADS_FILE)}: ${workspace.headsProblem}`);
    else if (workspace.signer) io.stdout(`heads signed by ${workspace.signer.fingerprint} (this workspace's ${workspace.signer.algorithm} key)`);
    for (const result of results) {
      const label = `session ${result.sessionId}${result.name === null ? '' : ` "${result.name}"`}`;
      const seats = result.seatSignatures ? `, ${result.seatSignatures} seat signatures` : '';
      if (result.ok) io.stdout(`ok ${result.count} events${seats}  ${label}`);
      else io.stdout(`BROKEN ${label}${result.seq > 0 ? ` at seq ${result.seq}` : ''}: ${result.problem}`);
    }
    return !workspace.headsProblem && results.every((result) => result.ok) ? 0 : 1;
  } finally {
    workspace.close();
  }
}

async function verifyFile(file: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`tminus verify: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  const reading = readSessionFile(text);
  if (!reading.ok) {
    const { fault } = reading;
    const sessionId = sessionIdOf(text);
    const where = fault.seq === undefined ? (fault.path ? ` (${fault.path})` : '') : ` at seq ${fault.seq}`;
    io.stdout(`BROKEN ${file}${sessionId ? ` session ${sessionId}` : ''}${where}: ${fault.message}`);
    return 1;
  }
  if (!reading.signer) {
    io.stdout(`BROKEN ${file} session ${reading.sessionId}: not signed (exported before session files were signed, or its signature was removed); its hashes alone cannot show an edit`);
    return 1;
  }
  io.stdout(`ok ${reading.eventCount} events  session ${reading.sessionId} "${reading.file.session.name}"  head ${reading.headHash}`);
  io.stdout(`signed by ${reading.signer.fingerprint} (${reading.signer.algorithm}); compare it with the fingerprint of the workspace that should have exported it`);
  return 0;
}

/** The session a broken file claims to be, for the report line (best effort, never trusted). */
function sessionIdOf(text: string): string | null {
  try {
    const id = (JSON.parse(text) as { session?: { id?: unknown } }).session?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
