// `tminus export` and the exportReport call on real SQLite workspaces in temp dirs. Step output is
// written into the output store the way the console's recorder does (its digest in the host's
// finish event), since these tests need no SSH host.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/io';
import { OutputDigester, OutputStore } from '../../../electron/steps/outputStore';
import { HEADS_FILE } from '../../../electron/store/workspace';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { ada, call, callError, openTestConsole, seedSession } from '../../support/logWorkspace';
import { parseCsv } from './rfc4180';

let dir: string;
let sessionId: string;
let itemIds: string[];

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

async function tminus(...args: string[]) {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out.join('\n'), err: io.err.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), `tminus-export-${process.pid}-`));
  const service = openTestConsole(dir);
  try {
    const seeded = await seedSession(service, 'Export: Payments', 3);
    sessionId = seeded.id;
    itemIds = seeded.itemIds;
    await call(service, 'checkItem', { sessionId, itemId: itemIds[1]!, actor: ada, note: '</details><script>alert(1)</script>' });
    const step = (await call(service, 'openSession', { sessionId })).runbook!.steps[0]!;
    const log = service.workspace.log;
    log.append({ sessionId, actor: ada, type: 'step.runStarted', payload: { runId: 'r1', stepId: step.id, stepTitle: step.title, scriptSha256: 'x', targets: ['local'], policy: { kind: 'all' }, concurrency: 1, timeoutMs: null, secretNames: ['ADMIN_TOKEN'], confirmation: null, rerunOf: null } });
    const chunks = [
      { seq: 0, stream: 'stdout' as const, at: new Date().toISOString(), text: 'Authorization: Bearer [REDACTED:ADMIN_TOKEN]\n' },
      { seq: 1, stream: 'stderr' as const, at: new Date().toISOString(), text: 'warning: slow\n' },
    ];
    new OutputStore(service.workspace.db).write([{ sessionId, runId: 'r1', target: 'local', chunks }]);
    const digester = new OutputDigester();
    for (const chunk of chunks) digester.update(chunk.text);
    const digest = digester.digest(chunks.length);
    log.append({ sessionId, actor: SYSTEM_ACTOR, type: 'step.hostFinished', payload: { runId: 'r1', target: 'local', status: 'succeeded', exitCode: 0, signal: null, reason: null, errorKind: null, durationMs: 1200, outputBytes: digest.bytes, outputChunks: digest.chunks, outputSha256: digest.sha256, unredactedSecrets: [] } });
    log.append({ sessionId, actor: SYSTEM_ACTOR, type: 'step.runFinished', payload: { runId: 'r1', status: 'succeeded', durationMs: 1300 } });
  } finally {
    await service.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tminus export', () => {
  it('writes every format from a workspace read without its lock, each naming the same chain head as tminus verify', async () => {
    const heads: string[] = [];
    for (const format of ['html', 'md', 'json', 'csv']) {
      const out = join(dir, `report.${format}`);
      const result = await tminus('export', '--data', dir, '--session', sessionId, '--format', format, '--out', out);
      expect(result, result.err).toMatchObject({ code: 0 });
      heads.push(/head ([0-9a-f]{64})/.exec(result.out)![1]!);
    }
    const verified = await tminus('verify', join(dir, 'report.json'));
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(`head ${heads[0]}`);
    expect(new Set(heads).size).toBe(1);

    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    // (Checked as booleans: a failure should not print a whole report.)
    expect(html.includes(`<meta name="tminus-chain-head" content="8:${heads[0]}">`)).toBe(true);
    expect(html.includes('Authorization: Bearer [REDACTED:ADMIN_TOKEN]')).toBe(true);
    expect(html.includes('<script>')).toBe(false);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(importMarkdown(md, 'seed.md').checklistItems.map((i) => i.id)).toEqual(itemIds);
    const csv = parseCsv(readFileSync(join(dir, 'report.csv'), 'utf8'));
    expect(csv).toHaveLength(8 + 1);
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { outputs: Array<{ chunks: unknown[] }> };
    expect(json.outputs[0]!.chunks).toHaveLength(2);
  });

  it('refuses a wrong format, missing arguments and an unknown session clearly, and never overwrites a file', async () => {
    expect(await tminus('export', '--data', dir, '--session', sessionId, '--format', 'docx', '--out', join(dir, 'x'))).toMatchObject({ code: 2, err: expect.stringContaining('--format must be one of html, pdf, md, json, csv (got "docx")') });
    expect(await tminus('export', '--data', dir, '--session', sessionId)).toMatchObject({ code: 2, err: expect.stringContaining('--session ID, --format and --out FILE are required') });
    expect(await tminus('export', '--data', dir, '--session', '00000000-0000-0000-0000-000000000000', '--format', 'csv', '--out', join(dir, 'y.csv'))).toMatchObject({ code: 1, err: expect.stringContaining('no session 00000000-0000-0000-0000-000000000000') });
    const out = join(dir, 'kept.csv');
    writeFileSync(out, 'precious');
    expect(await tminus('export', '--data', dir, '--session', sessionId, '--format', 'csv', '--out', out)).toMatchObject({ code: 1, err: expect.stringContaining('the file exists (choose another --out)') });
    expect(readFileSync(out, 'utf8')).toBe('precious');
  });

  it('refuses a session whose recorded head was edited (past the end of its log): it is no longer signed', async () => {
    const copy = mkdtempSync(join(tmpdir(), `tminus-export-cut-${process.pid}-`));
    try {
      for (const file of ['tminus.db', HEADS_FILE, 'tminus.signing-key.pem']) writeFileSync(join(copy, file), readFileSync(join(dir, file)));
      const heads = JSON.parse(readFileSync(join(copy, HEADS_FILE), 'utf8')) as { sessions: Record<string, { seq: number; hash: string }> };
      heads.sessions[sessionId] = { ...heads.sessions[sessionId]!, seq: 12, hash: 'f'.repeat(64) };
      writeFileSync(join(copy, HEADS_FILE), JSON.stringify(heads));
      const result = await tminus('export', '--data', copy, '--session', sessionId, '--format', 'html', '--out', join(copy, 'r.html'));
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/cannot be exported: its log does not verify at its head in tminus\.heads\.json \(event 12\) is not signed by this workspace's key/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('exportReport call', () => {
  it('answers text formats as utf8 and reports progress as report.progress events with the caller’s request id', async () => {
    const service = openTestConsole(dir);
    try {
      const progress: Array<{ stage: string; requestId: string | null }> = [];
      service.hub.subscribe((message) => {
        if (message.event === 'report.progress') progress.push(message.payload);
      });
      const csv = await call(service, 'exportReport', { sessionId, format: 'csv', requestId: 'req-1' });
      expect(csv).toMatchObject({ fileName: 'export-payments-20251021.events.csv', mimeType: 'text/csv;charset=utf-8', encoding: 'utf8', eventCount: 8 });
      expect(progress.at(0)).toMatchObject({ stage: 'reading', requestId: 'req-1' });
      expect(progress.at(-1)).toMatchObject({ stage: 'done', requestId: 'req-1' });
      const md = await call(service, 'exportReport', { sessionId, format: 'md' });
      expect(md.fileName).toBe('export-payments-20251021.as-run.md');
      expect((await callError(service, 'exportReport', { sessionId, format: 'odt' })).code).toBe('invalid_input');
    } finally {
      await service.close();
    }
  });
});
