import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../../electron/cli/importCommand';
import { fixture } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), `tminus-import-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runImportCommand(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('tminus import', () => {
  it('--summary prints the summary JSON of the seed and its coverage block; stderr holds only the one line not understood', async () => {
    const file = write('GO_LIVE_PROCEDURES.md', fixture('seed.md'));
    const { code, out, err } = await run([file, '--summary']);
    expect(code).toBe(0);
    expect(err).toBe(`${file}:74:3: warning: looks like a threshold but was not read as one: "- [ ] Load test successful (≥ 1000 RPS)"\n`);
    const summary = JSON.parse(out);
    expect(Object.keys(summary)).toEqual(['title', 't0', 'counts', 'secrets', 'steps', 'gates', 'warnings', 'coverage']);
    expect(summary.coverage).toMatchObject({ candidates: 32, understood: 31, sharePercent: 97 });
    expect(summary.coverage.missed).toEqual([{ line: 74, column: 3, kind: 'threshold', text: '- [ ] Load test successful (≥ 1000 RPS)', message: 'looks like a threshold but was not read as one: "- [ ] Load test successful (≥ 1000 RPS)"' }]);
    expect(summary.t0).toBe('2025-10-21T12:00:00.000Z');
    expect(summary.counts).toEqual({ sections: 39, checklistItems: 130, steps: 11, milestones: 18, gates: 2, thresholds: 22, decisionLevels: 3, roles: 7 });
    expect(summary.secrets).toEqual(['ADMIN_TOKEN', 'API_KEY', 'STATUS_API_KEY']);
    expect(summary.gates.map((g: { time: string }) => g.time)).toEqual(['T+35m', 'T+45m']);
  });

  it('--json prints the whole model', async () => {
    const file = write('seed.md', fixture('seed.md'));
    const { code, out } = await run(['--json', file]);
    expect(code).toBe(0);
    const model = JSON.parse(out);
    expect(model.sourceName).toBe('seed.md');
    expect(model.checklistItems).toHaveLength(130);
    expect(model.formatVersion).toBe(1);
  });

  it('prints diagnostics to stderr as file:line:column: severity: message and still exits 0', async () => {
    const file = write('broken.md', '# R\n\n**Escalation Criteria**:\n- Error rate > 5\n\n```bash\necho open\n');
    const { code, out, err } = await run([file]);
    expect(code).toBe(0);
    expect(err.split('\n').filter(Boolean)).toEqual([
      `${file}:4:3: warning: threshold "Error rate > 5" has no unit; Error rate needs one (%) before it can be compared with live values`,
      `${file}:6:1: warning: code fence is never closed; everything after it (to line 7) is read as part of the block`,
    ]);
    expect(JSON.parse(out).warnings.map((w: { line: number; column: number }) => `${w.line}:${w.column}`)).toEqual(['4:3', '6:1']);
  });

  it('exits 1 on a file it cannot read: missing, a directory, or not text', async () => {
    const missing = await run([join(dir, 'nope.md')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
    expect(missing.err).toContain('ENOENT');
    expect((await run([dir, '--json'])).code).toBe(1);
    const binary = write('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect((await run([binary])).code).toBe(1);
    expect(missing.out).toBe('');
  });

  it('exits 2 with the usage line on bad usage', async () => {
    for (const args of [[], ['a.md', 'b.md'], ['a.md', '--summary', '--json'], ['a.md', '--yaml']]) {
      const { code, err, out } = await run(args);
      expect(code).toBe(2);
      expect(err).toContain('usage: tminus import FILE [--summary | --json]');
      expect(out).toBe('');
    }
  });

  it('--help prints the usage on stdout', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('tminus import FILE');
  });
});

describe('tminus import with a corrections side file beside the runbook', () => {
  it('applies it: the seed line the importer missed, marked as a threshold, is understood', async () => {
    const { addCorrection } = await import('../../../shared/runbook/corrections/apply');
    const { correctionsFileText } = await import('../../../shared/runbook/corrections/importCorrected');
    const sub = mkdtempSync(join(dir, 'side-'));
    const content = fixture('seed.md');
    const file = join(sub, 'GO_LIVE_PROCEDURES.md');
    writeFileSync(file, content);
    const entries = addCorrection([], content, { kind: 'threshold', line: 74, metric: 'Load test throughput', op: '>=', value: 1000, upper: null, unit: 'rps', meaning: 'ok-if' }, 'Ada', null);
    writeFileSync(`${file}.tminus-corrections.json`, correctionsFileText('GO_LIVE_PROCEDURES.md', entries));
    const { code, out, err } = await run([file, '--summary']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const summary = JSON.parse(out);
    expect(summary.coverage).toMatchObject({ candidates: 32, understood: 32, missed: [] });
    expect(summary.counts.thresholds).toBe(23);
    expect(summary.corrections).toMatchObject({ file: 'GO_LIVE_PROCEDURES.md.tminus-corrections.json', unmatched: [], error: null, applied: [{ kind: 'threshold', line: 74 }] });
  });

  it('a bad side file is one error with its file:line:column; the runbook is still read, without corrections', async () => {
    const sub = mkdtempSync(join(dir, 'bad-'));
    const file = join(sub, 'GO_LIVE_PROCEDURES.md');
    writeFileSync(file, fixture('seed.md'));
    writeFileSync(`${file}.tminus-corrections.json`, '{\n  "format": "tminus-corrections",\n  "version": 2,\n  "runbook": "x.md",\n  "corrections": []\n}\n');
    const { code, out, err } = await run([file, '--summary']);
    expect(code).toBe(0);
    expect(err).toContain(`${file}.tminus-corrections.json:3:14: error: version: `);
    expect(err).toContain('no correction was applied');
    expect(JSON.parse(out).counts.thresholds).toBe(22);
  });
});
