// Criteria whose meaning comes from the context around a list, not from the item: lead-ins,
// labels and headings decide whether a comparison is a trigger or a target (a failing launch must
// never show as healthy), items carry their own times and hold points, and rollback kinds under a
// trigger heading become decision levels. Fixture: ledger-flag-rollout.md, written here in the
// shapes of a public go/no-go checklist (flag ramp with hold points, rollback triggers).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runbookCoverage } from '../../../shared/runbook/coverage';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import type { Runbook } from '../../../shared/runbook/model';
import { fixture } from './fixtures';

const rb = importMarkdown(fixture('ledger-flag-rollout.md'), 'ledger-flag-rollout.md');
const at = (line: number) =>
  rb.thresholds.filter((t) => t.line === line).map((t) => ({ metricKey: t.metricKey, op: t.op, value: t.value, unit: t.unit, meaning: t.meaning, sustained: t.sustained, sustainedMs: t.sustainedMs }));
const MIN = 60_000;

describe('polarity from the context of a list', () => {
  it('reads checkbox comparisons under a rollback-trigger heading as alerts, not targets', () => {
    expect(at(38)).toEqual([{ metricKey: 'ledger_write_failures', op: '>', value: 3, unit: '%', meaning: 'alert-if', sustained: false, sustainedMs: null }]);
    expect(at(39)).toMatchObject([{ op: '>', value: 2, unit: 'min', meaning: 'alert-if' }]);
  });

  it('takes the lead-in "Execute if ANY of these persist > 10 min:" as alert-if with a 10-minute sustained window on each item', () => {
    expect(at(45)).toEqual([{ metricKey: 'ledger_write_failures', op: '>', value: 1, unit: '%', meaning: 'alert-if', sustained: true, sustainedMs: 10 * MIN }]);
    expect(at(46)).toEqual([{ metricKey: 'settlement_success', op: '<', value: 99, unit: '%', meaning: 'alert-if', sustained: true, sustainedMs: 10 * MIN }]);
  });

  it('reads "**No-Go Triggers**:" bullets as alerts and "**Go Criteria**:" bullets (with or without a qualifier) as targets', () => {
    expect(at(23)).toMatchObject([{ metricKey: 'ledger_write_failures', op: '>', value: 1, meaning: 'alert-if' }]);
    expect(at(19)).toMatchObject([{ metricKey: 'ledger_write_failures', op: '<', value: 0.5, meaning: 'ok-if' }]);
    expect(at(32)).toMatchObject([{ op: '<', value: 800, unit: 'ms', meaning: 'ok-if' }]);
  });

  it('does not guess under a heading that only says "Rollback": a bare comparison gets a polarity-unknown warning at its line, a "Check …" item stays a check', () => {
    expect(at(51)).toEqual([]);
    expect(rb.diagnostics).toContainEqual(expect.objectContaining({ code: 'polarity-unknown', severity: 'warning', line: 51, column: 7 }));
    expect(at(52)).toMatchObject([{ metricKey: 'error_rate', op: '<', value: 1, meaning: 'ok-if' }]);
  });

  it('keeps the criteria under a "Go/No-Go" heading as targets (GO criteria, not no-go triggers)', () => {
    expect(at(56)).toMatchObject([{ metricKey: 'error_rate', op: '<', value: 1, meaning: 'ok-if' }]);
  });
});

describe('titles, item times and hold points', () => {
  it('does not read the document title "Go/No-Go Checklist - …" as a gate, but an H1 go/no-go with a time still is one', () => {
    expect(rb.gates.map((g) => g.line)).not.toContain(1);
    expect(rb.diagnostics.filter((d) => d.line === 1)).toEqual([]);
    const checklistTitle = importMarkdown('# Go/No-Go Checklist - Search\n\n- [ ] Error rate < 1%\n', 't.md');
    expect(checklistTitle.gates).toEqual([]);
    const timed = importMarkdown('# Go/No-Go Decision (T-1h)\n\n- [ ] Error rate < 1%\n', 't.md');
    expect(timed.gates).toMatchObject([{ line: 1, offsetMs: -60 * MIN }]);
  });

  it('reads "T+30m: …" item times as milestones at that time, and HOLD POINT items as gates at their time', () => {
    const ms = (line: number) => rb.milestones.find((m) => m.line === line);
    expect(ms(13)).toMatchObject({ offsetMs: 0, text: 'Enable LEDGER_V3_SHARE=5' });
    expect(ms(14)).toMatchObject({ offsetMs: 30 * MIN, text: 'Verify ledger write failures < 0.5%' });
    expect(rb.gates.filter((g) => g.line === 16 || g.line === 29).map((g) => [g.line, g.offsetMs, g.title])).toEqual([
      [16, 120 * MIN, 'HOLD POINT - Go/No-Go decision (T+2h)'],
      [29, 360 * MIN, 'HOLD POINT - Go/No-Go decision (T+6h)'],
    ]);
  });

  it('names the metric of "T+1h: Check settlement success > 99.5%" without the time or the verb, and links the go criteria to the hold point', () => {
    expect(at(15)).toMatchObject([{ metricKey: 'settlement_success', op: '>', value: 99.5, meaning: 'ok-if' }]);
    const hold = rb.gates.find((g) => g.line === 16)!;
    expect(hold.thresholdIds.map((id) => rb.thresholds.find((t) => t.id === id)!.line).sort()).toEqual([19, 20]);
    expect(hold.criteria).toContain('Ledger write failures > 1%');
  });

  it('gives the sections of item times no coverage warning for those lines', () => {
    const missed = runbookCoverage(rb, fixture('ledger-flag-rollout.md')).missed.map((m) => `${m.line}:${m.kind}`);
    for (const line of [13, 14, 15, 16, 28, 29]) expect(missed).not.toContain(`${line}:time`);
    expect(missed).not.toContain('16:gate');
    // The lead-in's window and the rollback kind's response time are read (sustained window, verdict).
    expect(missed).not.toContain('44:threshold');
    expect(missed).not.toContain('36:threshold');
  });
});

describe('more shapes from public go/no-go checklists', () => {
  it('reads a checkbox under a "⚠️" heading as a warning band, not a target', () => {
    expect(at(61)).toMatchObject([{ op: '<', value: 100, meaning: 'warn-if' }]);
  });

  it('names the metric of "Bundle size: 41.2KB < 90KB target ✅" without the sample value', () => {
    expect(at(72)).toMatchObject([{ metricKey: 'bundle_size', op: '<', value: 90, meaning: 'ok-if' }]);
  });

  it('makes a numbered list after "Triggered if ANY of these conditions occur:" under "### Automatic Rollback" a level of alerts', () => {
    expect(at(68)).toMatchObject([{ metricKey: 'ledger_accuracy', op: '<', value: 97, meaning: 'alert-if' }]);
    expect(rb.decisionLevels.find((l) => l.line === 65)).toMatchObject({ level: 2, title: 'Automatic Rollback', conditions: [{ text: 'Ledger accuracy drops below 97%' }, { text: 'Write latency p95 exceeds 250ms' }] });
  });

  it('reads "T+24h: **FINAL CHECKPOINT**" as a gate at T+24h', () => {
    expect(rb.gates.find((g) => g.line === 75)).toMatchObject({ offsetMs: 24 * 60 * MIN, title: 'FINAL CHECKPOINT (T+24h)' });
  });
});

describe('numbered gate headings', () => {
  it('reads "## Gate 3: Pilot → General Availability" as one gate, its "**Decision Point:**" line as what it decides (not a second gate)', () => {
    expect(rb.gates.filter((g) => g.line >= 90).map((g) => ({ line: g.line, title: g.title, criteria: g.criteria }))).toEqual([
      { line: 90, title: 'Gate 3: Pilot → General Availability', criteria: ['Decision Point: Open the ledger to every merchant'] },
    ]);
    expect(rb.diagnostics).toContainEqual(expect.objectContaining({ code: 'gate-without-time', line: 90 }));
    const missed = runbookCoverage(rb, fixture('ledger-flag-rollout.md')).missed.map((m) => `${m.line}:${m.kind}`);
    expect(missed).not.toContain('92:gate');
  });
});

describe('sign-offs under a sign-off heading two levels up', () => {
  it('makes "- [ ] **Payments Lead**: Ready for launch" under "## Stakeholder Sign-Off / ### Finance ✅" a sign-off, and the heading understood', () => {
    expect(rb.checklistItems.find((i) => i.line === 97)).toMatchObject({ label: 'Payments Lead', signOff: true });
    const missed = runbookCoverage(rb, fixture('ledger-flag-rollout.md')).missed.map((m) => `${m.line}:${m.kind}`);
    expect(missed).not.toContain('94:sign-off');
  });
});

describe('tables under go and no-go headings', () => {
  it('reads "| Category | Criteria | Threshold |" under "GO Criteria" as targets named from the Criteria column', () => {
    expect(at(81)).toMatchObject([{ metricKey: 'settlement_p99_time', op: '<', value: 2, unit: 's', meaning: 'ok-if' }]);
  });

  it('makes a "| Condition | Action |" table under "NO-GO Criteria (ANY triggers abort)" one level: every row a condition, measurable ones alerts', () => {
    expect(at(88)).toMatchObject([{ metricKey: 'queue_lag', op: '>', value: 30, unit: 's', meaning: 'alert-if', sustained: true }]);
    expect(rb.decisionLevels.find((l) => l.line === 83)).toMatchObject({
      conditions: [
        { text: 'Duplicate ledger entries', thresholdId: null },
        { text: 'Queue lag > 30s (sustained)', thresholdId: expect.any(String) },
      ],
      actions: ['ABORT', 'HOLD'],
    });
  });
});

describe('rollback kinds under a trigger heading', () => {
  it('makes "Immediate Rollback" and "Planned Rollback" decision levels, immediate the higher one, with conditions, the action and the response time', () => {
    const levels = rb.decisionLevels.filter((l) => l.line === 36 || l.line === 43);
    expect(levels.map((l) => ({ line: l.line, level: l.level, title: l.title, verdict: l.verdict, actions: l.actions, conditions: l.conditions.map((c) => [c.text, c.thresholdId !== null]) }))).toEqual([
      {
        line: 36,
        level: 2,
        title: 'Immediate Rollback',
        verdict: 'Immediate Rollback (act within 3 min)',
        actions: ['./bin/ledger-flag --share 0'],
        conditions: [
          ['Ledger write failures > 3%', true],
          ['Settlement service down > 2 minutes', true],
        ],
      },
      {
        line: 43,
        level: 1,
        title: 'Planned Rollback',
        verdict: 'Planned Rollback (act within 30 min)',
        actions: [],
        conditions: [
          ['Ledger write failures > 1%', true],
          ['Settlement success < 99%', true],
        ],
      },
    ]);
  });
});

const SHAPES = [
  '# Go/No-Go Checklist - Ledger',
  '## Rollback Triggers',
  '### Immediate Rollback (< 5 min)',
  '### Planned Rollback (< 15 min)',
  '### Rollback',
  'Execute if ANY of these occur:',
  'Execute if ANY of these persist > 15 min:',
  'Execute if ANY of these persist > :',
  '**No-Go Triggers**:',
  '**Go Criteria** (each phase):',
  '**Go Criteria** ():',
  '**Action**: `./toggle.sh --percent 0`',
  '**Action**:',
  '- [ ] Error rate > 5%',
  '- [ ] T+1h: Check error rate < 1%',
  '- [ ] T+4h: **HOLD POINT** - Go/No-Go decision',
  '- [ ] **HOLD POINT**',
  '- [ ] T+: ',
  '- [ ] T+99999999h: x > 1%',
  '- Error rate > 2%',
  '- Data loss reported',
  '',
];

describe('the importer on the new shapes (property-based)', () => {
  it('never throws and never reports an internal error on any arrangement of them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...SHAPES), fc.string({ maxLength: 20 })), { maxLength: 40 }), (lines) => {
        let out: Runbook | undefined;
        expect(() => {
          out = importMarkdown(lines.join('\n'), 'shapes.md');
        }).not.toThrow();
        expect(out!.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 180_000);
});
