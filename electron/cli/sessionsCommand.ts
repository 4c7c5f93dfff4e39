// `tminus sessions --data DIR`: one line per session, read without taking the workspace lock.
import { SessionRegistry } from '../sessions/sessionRegistry';
import { defaultDataDir } from '../core/paths';
import { openWorkspaceReadOnly } from '../store/workspace';
import { parseCommandArgs, type CliIo } from './io';

export { sessionsUsage } from './usage';

export async function runSessionsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { data: { type: 'string' }, json: { type: 'boolean' } });
  const workspace = openWorkspaceReadOnly(values.data ?? defaultDataDir());
  try {
    const sessions = new SessionRegistry(workspace).list();
    if (values.json) {
      io.stdout(JSON.stringify(sessions, null, 2));
      return 0;
    }
    if (sessions.length === 0) io.stderr(`No sessions in ${workspace.dataDir}.`);
    for (const s of sessions) {
      const flags = [s.readOnly ? 'read-only' : '', s.origin === 'imported' ? 'imported' : ''].filter(Boolean).join(',');
      io.stdout([s.id, s.environment.padEnd(10), s.t0, `${s.eventCount} events`, s.name, flags ? `[${flags}]` : ''].join('  ').trimEnd());
    }
    for (const [sessionId, problem] of workspace.damaged) io.stderr(`warning: session ${sessionId} does not verify: ${problem}`);
    return 0;
  } finally {
    workspace.close();
  }
}
