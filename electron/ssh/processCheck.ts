// "Check the host" after a connection was lost mid-command: reconnect and look for the run's
// process group (reported by the script's first line, see processGroupMarker.ts). The answer is
// what the host says now — still running, gone, or "cannot tell" — never a guess about how the
// command ended: a group that is gone may have finished, failed or been killed.
import type { Client } from 'ssh2';
import type { SshConnectionPool } from './connectionPool';
import type { ResolvedEndpoint } from './sshConfig';

export interface ProcessGroupCheck {
  reachable: boolean;
  /** Null when it cannot be told (unreachable, or the host never reported the group). */
  stillRunning: boolean | null;
  /** `ps` lines of the group's processes, at most `MAX_LINES`. */
  processes: string[];
  detail: string;
}

const MAX_LINES = 20;
const CHECK_TIMEOUT_MS = 15_000;

/** One `ps` over every process, filtered to the group: portable across procps and busybox-free hosts with awk. */
export function processGroupCommand(pgid: number): string {
  return `ps -eo pid=,pgid=,stat=,etime=,args= | awk -v g=${pgid} '$2 == g' | head -n ${MAX_LINES}`;
}

function execCollect(client: Client, command: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not answer the check within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    client.exec(command, (error, channel) => {
      if (error) {
        clearTimeout(timer);
        reject(error);
        return;
      }
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (data: Buffer) => (stdout += data.toString('utf8')));
      channel.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
      channel.on('exit', (exitCode: number | null) => (code = typeof exitCode === 'number' ? exitCode : null));
      channel.on('close', () => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  });
}

export async function checkProcessGroup(pool: SshConnectionPool, endpoint: ResolvedEndpoint, pgid: number | null): Promise<ProcessGroupCheck> {
  let client: Client;
  try {
    client = await pool.acquire(endpoint);
  } catch (error) {
    return { reachable: false, stillRunning: null, processes: [], detail: `could not reconnect: ${(error as Error).message}` };
  }
  if (pgid === null) {
    return { reachable: true, stillRunning: null, processes: [], detail: 'reachable again, but the command never reported its process group, so there is nothing to look for' };
  }
  try {
    const { code, stdout, stderr } = await execCollect(client, processGroupCommand(pgid), CHECK_TIMEOUT_MS);
    if (code !== 0) return { reachable: true, stillRunning: null, processes: [], detail: `the process list could not be read (exit ${code ?? 'unknown'}${stderr.trim() ? `: ${stderr.trim().slice(0, 300)}` : ''})` };
    const processes = stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    // A zombie has finished; it only waits for its parent to collect it.
    const alive = processes.filter((line) => !/^\d+\s+\d+\s+Z/.test(line));
    return alive.length
      ? { reachable: true, stillRunning: true, processes, detail: `process group ${pgid} is still running (${alive.length} process${alive.length === 1 ? '' : 'es'})` }
      : { reachable: true, stillRunning: false, processes, detail: `process group ${pgid} is no longer running; how the command ended is not known` };
  } catch (error) {
    return { reachable: true, stillRunning: null, processes: [], detail: `the check failed: ${(error as Error).message}` };
  }
}
