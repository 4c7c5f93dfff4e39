// What a viewer cannot make the console do (issue 16, point 5): parse runbooks (previews are
// writer-only), freeze it with a deeply nested document (refused before parsing, with file:line),
// or start many PDF prints at once (printers run one at a time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { oneAtATime } from '../../../electron/handlers/reportHandlers';
import { firstTooDeep, MAX_NESTING_DEPTH } from '../../../shared/runbook/import/nesting';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';

let dir: string;
let service: ConsoleService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-viewer-'));
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A list nested `levels` deep, as the review's freezing document was. */
function nestedList(levels: number): string {
  return ['# Deep', '', ...Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`)].join('\n');
}

describe('viewer limits', () => {
  it('previewRunbook and previewReimport are writer-only', async () => {
    const source = { sourceName: 'x.md', content: '# X\n\n- [ ] a\n' };
    expect(await service.router.dispatch('previewRunbook', source, { access: 'read' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await service.router.dispatch('previewReimport', { sessionId: 'x', source }, { access: 'read' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await service.router.dispatch('previewRunbook', source, { access: 'write' })).toMatchObject({ ok: true });
  });

  it('a list nested beyond the documented depth is refused with its file:line, without parsing it', () => {
    const runbook = importMarkdown(nestedList(1000), 'deep.md');
    const error = runbook.diagnostics.find((d) => d.code === 'too-deeply-nested');
    expect(error).toMatchObject({ severity: 'error', line: MAX_NESTING_DEPTH + 3 });
    expect(error!.message).toMatch(/nested more than 32 levels deep/);
    expect(runbook.steps).toEqual([]);
  });

  it('nesting up to the limit is read as usual, and fenced code does not count', () => {
    expect(firstTooDeep(nestedList(MAX_NESTING_DEPTH))).toBeNull();
    expect(firstTooDeep(['```', ...Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- x`), '```'].join('\n'))).toBeNull();
    expect(firstTooDeep('>'.repeat(40) + ' quoted')).toMatchObject({ line: 1, depth: 40 });
    expect(firstTooDeep(`${'- '.repeat(40)}x`)).toMatchObject({ line: 1, depth: 33 });
    expect(importMarkdown(nestedList(10), 'ok.md').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('PDF printers run one at a time, and a failed print does not stop the queue', async () => {
    let running = 0;
    let most = 0;
    const print = oneAtATime(async (html) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (html === 'bad') throw new Error('printer failed');
      return new Uint8Array([1]);
    });
    const results = await Promise.allSettled(['a', 'bad', 'b', 'c'].map((html) => print(html)));
    expect(most).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
