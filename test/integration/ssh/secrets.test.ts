// Secrets reach the command on real hosts yet never appear in output, argument lists or files.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/ssh/clock';
import type { OutputChunk } from '../../../electron/ssh/hostRunner';
import { LocalHostRunner } from '../../../electron/ssh/localRunner';
import { execCapture } from '../../../electron/ssh/preflight';
import { REMOTE_COMMAND } from '../../../electron/ssh/runOnHost';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { createTestbed, waitFor, type Testbed } from '../../support/sshTestbed';

let cluster: SshdCluster;
let bed: Testbed;

// Quotes, spaces, `$`, a newline and non-ASCII: everything the export quoting must survive.
const TOKEN = `tk-${Math.random().toString(36).slice(2)}'"$HOME \\ über/+=&?`;
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}-line1\nline2`;
const SECRETS = { ADMIN_TOKEN: TOKEN, DB_PASSWORD: PASSWORD };
const TOKEN_SHA = createHash('sha256').update(TOKEN).digest('hex');

function encodings(value: string): string[] {
  return [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)];
}

function assertNoSecret(text: string): void {
  for (const value of Object.values(SECRETS)) for (const form of encodings(value)) expect(text).not.toContain(form);
}

beforeAll(async () => {
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
  console.log(`sshd harness mode: ${cluster.mode} (${cluster.modeReason})`);
  bed = createTestbed(cluster);
});

afterAll(async () => {
  await bed?.close();
  await cluster?.stop();
});

const PRINT_SECRETS = [
  'printf "token=%s\\n" "$ADMIN_TOKEN"',
  'printf "b64=%s\\n" "$(printf %s "$ADMIN_TOKEN" | base64 -w0)"',
  'printf "prefixed-b64=%s\\n" "$(printf "user:%s" "$ADMIN_TOKEN" | base64 -w0)"',
  'printf "url=%s\\n" "$(python3 -c \'import os, urllib.parse; print(urllib.parse.quote(os.environ["ADMIN_TOKEN"], safe=""))\')"',
  'printf "pw=%s\\n" "$DB_PASSWORD" >&2',
  // The token in two writes with a pause, so it crosses a chunk boundary.
  'printf "split=%s" "${ADMIN_TOKEN:0:6}"; sleep 0.3; printf "%s\\n" "${ADMIN_TOKEN:6}"',
  'printf "sha=%s\\n" "$(printf %s "$ADMIN_TOKEN" | sha256sum | cut -c1-64)"',
].join('\n');

describe('secrets on a real host', () => {
  it('reach the command intact yet every chunk shows [REDACTED:NAME] instead', async () => {
    const { result, chunks, stdout, stderr } = await bed.run('app1', PRINT_SECRETS, { secrets: SECRETS });
    expect(result.status).toBe('succeeded');
    // The command saw the exact value (its hash survives redaction).
    expect(stdout).toContain(`sha=${TOKEN_SHA}\n`);
    expect(stdout).toContain('token=[REDACTED:ADMIN_TOKEN]\n');
    expect(stdout).toContain('b64=[REDACTED:ADMIN_TOKEN]\n');
    expect(stdout).toMatch(/prefixed-b64=\S*\[REDACTED:ADMIN_TOKEN\]/);
    expect(stdout).toContain('url=[REDACTED:ADMIN_TOKEN]\n');
    expect(stdout).toContain('split=[REDACTED:ADMIN_TOKEN]\n');
    expect(stderr).toContain('pw=[REDACTED:DB_PASSWORD]\n');
    // The split really crossed chunks, and no chunk on its own leaks a form either.
    expect(chunks.filter((c) => c.stream === 'stdout').length).toBeGreaterThan(1);
    for (const chunk of chunks) assertNoSecret(chunk.text);
    assertNoSecret(stdout + stderr);
  });

  it('never appear in the remote process list or in files on the host', async () => {
    let ready = false;
    const running = bed.run('app1', 'echo ready\nsleep 3\necho "$ADMIN_TOKEN" >/dev/null', {
      secrets: SECRETS,
      onOutput: (chunk: OutputChunk) => void (chunk.text.includes('ready') && (ready = true)),
    });
    await waitFor(() => ready, 'the command to start');
    const client = await bed.pool.acquire(bed.pool.resolve('app1'));
    const ps = await execCapture(client, 'ps -eo pid,args', 10_000);
    expect(ps.stdout).toContain(REMOTE_COMMAND);
    for (const value of Object.values(SECRETS)) expect(ps.stdout).not.toContain(value.split('\n')[0]);
    const cmdlines = await execCapture(client, 'cat /proc/[0-9]*/cmdline 2>/dev/null | tr "\\0" " "', 10_000);
    expect(cmdlines.stdout).not.toContain(TOKEN.slice(0, 12));
    await running;
    // Every host's files (home, logs, config) live in the cluster dir.
    const onDisk = spawnSync('grep', ['-rlF', TOKEN.slice(0, 12), cluster.dir], { encoding: 'utf8' });
    expect(onDisk.status).toBe(1);
    expect(onDisk.stdout).toBe('');
  });
});

describe('the local runner', () => {
  const local = new LocalHostRunner({ clock: systemClock });

  it('runs bash -s locally with output, exit code and redacted secrets', async () => {
    const chunks: OutputChunk[] = [];
    const result = await local.run({
      script: `${PRINT_SECRETS}\nexit 7`,
      secrets: SECRETS,
      onOutput: (chunk) => void chunks.push(chunk),
    });
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(7);
    const text = chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
    expect(text).toContain(`sha=${TOKEN_SHA}`);
    expect(text).toContain('token=[REDACTED:ADMIN_TOKEN]');
    expect(text).toContain('split=[REDACTED:ADMIN_TOKEN]');
    for (const chunk of chunks) assertNoSecret(chunk.text);
  });

  it('keeps secrets out of the local process list', async () => {
    let ready = false;
    const running = local.run({
      script: 'echo ready\nsleep 2',
      secrets: SECRETS,
      onOutput: (chunk) => void (chunk.text.includes('ready') && (ready = true)),
    });
    await waitFor(() => ready, 'the local command to start');
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(ps).not.toContain(TOKEN.slice(0, 12));
    expect((await running).status).toBe('succeeded');
  });

  it('cancels the whole local process group, background jobs included', async () => {
    const abort = new AbortController();
    const marker = `${30 + Math.floor(Math.random() * 1000) / 1000}`;
    const result = await local.run({
      // A background job in a non-interactive shell ignores SIGINT: the escalation to SIGTERM ends it.
      script: `echo started\nsleep ${marker} & wait`,
      signal: abort.signal,
      cancelGraceMs: 300,
      onOutput: (chunk) => void (chunk.text.includes('started') && abort.abort()),
    });
    expect(result.status).toBe('cancelled');
    await waitFor(() => !execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(`sleep ${marker}`), 'the background sleep to end');
  });

  it('times out a local command', async () => {
    const result = await local.run({ script: 'sleep 30', timeoutMs: 500, cancelGraceMs: 200 });
    expect(result.status).toBe('timed-out');
  });
});
