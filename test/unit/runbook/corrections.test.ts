// The IC's corrections: kept in a side file, anchored to the text of a line, re-applied on
// re-import after edits, listed when they no longer match; a bad side file is one clear error.
import { describe, expect, it } from 'vitest';
import { addCorrection, type CorrectionRequest } from '../../../shared/runbook/corrections/apply';
import { correctionsFileText, importCorrected } from '../../../shared/runbook/corrections/importCorrected';
import type { Correction } from '../../../shared/runbook/corrections/schema';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';

const RUNBOOK = [
  '# Launch',
  '',
  '## Canary (T+0 to T+15)',
  '',
  '**Success criteria:**',
  '- Error rate > 5% for 5 minutes', // the author meant it as a rollback trigger (line 6)
  '',
  '## Deploy',
  '',
  '```bash',
  'kubectl rollout restart deploy/api',
  '```',
  '',
  'Checkpoint with the release lead before traffic moves.',
  '',
  '## Watch',
  '',
  '**Rollback if:**',
  '- Error rate > 5% for 5 minutes', // the same text as line 6 (line 19)
  '',
].join('\n');

const NAME = 'launch.md.tminus-corrections.json';

function corrected(content: string, entries: Correction[]) {
  return importCorrected(content, 'launch.md', { name: NAME, text: correctionsFileText('launch.md', entries) });
}

function add(entries: Correction[], content: string, request: CorrectionRequest): Correction[] {
  return addCorrection(entries, content, request, 'Ada', '2025-10-21T12:00:00.000Z');
}

describe('runbook corrections', () => {
  const plain = importMarkdown(RUNBOOK, 'launch.md');
  const canaryThreshold = plain.thresholds.find((t) => t.line === 6)!;

  it('flips a criterion, and the flip follows its line when the runbook is edited above it', () => {
    expect(canaryThreshold.meaning).toBe('ok-if');
    const entries = add([], RUNBOOK, { kind: 'threshold-meaning', line: 6, metricKey: canaryThreshold.metricKey, meaning: 'alert-if' });
    const rb = corrected(RUNBOOK, entries);
    expect(rb.thresholds.find((t) => t.line === 6)!.meaning).toBe('alert-if');
    expect(rb.corrections).toMatchObject({ file: NAME, unmatched: [], error: null, applied: [{ kind: 'threshold-meaning', line: 6, targetId: canaryThreshold.id }] });
    expect(rb.corrections!.applied[0]!.description).toMatch(/alert-if instead of ok-if/);

    const edited = RUNBOOK.replace('# Launch\n', '# Launch\n\nOwner: release team.\nReviewed yesterday.\n');
    const again = corrected(edited, entries);
    expect(again.thresholds.find((t) => t.line === 9)!.meaning).toBe('alert-if');
    expect(again.corrections!.applied).toMatchObject([{ line: 9 }]);
  });

  it('tells two identical lines apart by their neighbours', () => {
    const watch = plain.thresholds.find((t) => t.line === 19);
    expect(watch).toBeDefined();
    const entries = add([], RUNBOOK, { kind: 'dismiss', line: 19, target: 'threshold', key: watch!.metricKey });
    const rb = corrected(RUNBOOK, entries);
    expect(rb.thresholds.some((t) => t.line === 19)).toBe(false);
    expect(rb.thresholds.some((t) => t.line === 6)).toBe(true);
  });

  it('lists a correction whose line was rewritten instead of applying it elsewhere', () => {
    const entries = add([], RUNBOOK, { kind: 'threshold-meaning', line: 6, metricKey: canaryThreshold.metricKey, meaning: 'alert-if' });
    const rewritten = RUNBOOK.replace('- Error rate > 5% for 5 minutes\n\n## Deploy', '- Error rate < 1%\n\n## Deploy');
    const rb = corrected(rewritten, entries);
    expect(rb.corrections!.applied).toEqual([]);
    expect(rb.corrections!.unmatched).toMatchObject([{ kind: 'threshold-meaning', line: 6, text: '- Error rate > 5% for 5 minutes' }]);
    expect(rb.diagnostics.some((d) => d.code === 'correction-not-matched' && d.line === 6 && d.message.includes(NAME))).toBe(true);
    expect(rb.thresholds.find((t) => t.line === 6)!.meaning).toBe('ok-if');
  });

  it('marks a line as a gate and as a threshold, and sets a step window', () => {
    let entries = add([], RUNBOOK, { kind: 'gate', line: 14, title: 'Release lead checkpoint', offsetMs: 20 * 60_000 });
    entries = add(entries, RUNBOOK, { kind: 'threshold', line: 14, metric: 'p95 latency', op: '<', value: 500, upper: null, unit: 'ms', meaning: 'ok-if' });
    const step = plain.steps[0]!;
    entries = add(entries, RUNBOOK, { kind: 'step-window', line: step.line, startOffsetMs: 15 * 60_000, endOffsetMs: 25 * 60_000 });
    const rb = corrected(RUNBOOK, entries);
    expect(rb.gates.find((g) => g.line === 14)).toMatchObject({ title: 'Release lead checkpoint', offsetMs: 1_200_000 });
    expect(rb.thresholds.find((t) => t.line === 14)).toMatchObject({ metricKey: 'p95_latency', op: '<', value: 500, unit: 'ms', meaning: 'ok-if' });
    expect(rb.steps[0]!.window).toEqual({ startOffsetMs: 900_000, endOffsetMs: 1_500_000 });
    expect(rb.corrections!.applied.map((a) => a.kind)).toEqual(['gate', 'threshold', 'step-window']);
  });

  it('a second correction of the same thing replaces the first', () => {
    let entries = add([], RUNBOOK, { kind: 'threshold-meaning', line: 6, metricKey: canaryThreshold.metricKey, meaning: 'alert-if' });
    entries = add(entries, RUNBOOK, { kind: 'threshold-meaning', line: 6, metricKey: canaryThreshold.metricKey, meaning: 'warn-if' });
    expect(entries).toHaveLength(1);
    expect(corrected(RUNBOOK, entries).thresholds.find((t) => t.line === 6)!.meaning).toBe('warn-if');
  });

  it('a side file that is not JSON is one error with its line and column, and the runbook is imported as if it were absent', () => {
    const text = '{\n  "format": "tminus-corrections",\n  "version": 1,\n  "runbook": "launch.md"\n  "corrections": []\n}\n';
    const rb = importCorrected(RUNBOOK, 'launch.md', { name: NAME, text });
    expect(rb.corrections!.error).toMatchObject({ line: 5, column: 3 });
    expect(rb.corrections!.error!.message).toMatch(/not valid JSON/);
    const { corrections: _c, ...rest } = rb;
    expect(rest).toEqual(plain);
  });

  it('a wrong field names its path and the line it is on, and nothing of the file is applied', () => {
    const entries = add([], RUNBOOK, { kind: 'threshold-meaning', line: 6, metricKey: canaryThreshold.metricKey, meaning: 'alert-if' });
    const good = add(entries, RUNBOOK, { kind: 'dismiss', line: 19, target: 'threshold', key: null });
    const text = correctionsFileText('launch.md', good).replace('"meaning": "alert-if"', '"meaning": "sometimes"');
    const line = text.split('\n').findIndex((l) => l.includes('"sometimes"')) + 1;
    const rb = importCorrected(RUNBOOK, 'launch.md', { name: NAME, text });
    expect(rb.corrections!.error).toMatchObject({ line });
    expect(rb.corrections!.error!.message).toMatch(/^corrections\[0\]\.meaning: /);
    expect(rb.thresholds).toEqual(plain.thresholds);
  });
});
