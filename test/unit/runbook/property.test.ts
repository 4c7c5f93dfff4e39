import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { accountLines } from '../../../shared/runbook/lineAccounting';
import type { Runbook } from '../../../shared/runbook/model';
import { fixture } from './fixtures';

const seedLines = fixture('seed.md').split('\n');

/** Markdown pieces a runbook is made of, valid and broken, to recombine at random. */
const FRAGMENTS = [
  '# Title',
  '## Phase 2: Deployment (T+0 to T+30 min)',
  '### T-MINUS 30 MINUTES',
  '#### Step 9: Do it (5 min)',
  '### Level 2: Major Issues (Prepare Rollback)',
  '## 🚀 **Launch** `v2`',
  'Setext heading',
  '===',
  '- [ ] **Security Audit**',
  '  - [x] nested item',
  '      - [ ] deeper item',
  '1. numbered step',
  '   1. nested numbered',
  '- plain bullet',
  '* Error rate > 5% → Immediate escalation',
  '- p95 latency 500-1000ms',
  '- Error rate > 5',
  '**Target**: 12:05 - 12:15 PM UTC',
  '**Target**: 25:99 - 13:00',
  '**Target Time**: 14:30 UTC',
  '**Target Date**: October 21, 2025',
  '**Go/No-Go Decision**: 12:35 PM',
  '**Go/No-Go Decision**:',
  '**11:30 AM UTC**',
  '**Symptoms**:',
  '**Action**:',
  '**Technical Lead**:',
  '11:30 - War room opened',
  '12:00 - DEPLOYMENT BEGINS',
  '```bash',
  '```sh',
  '```',
  '~~~',
  'echo "$ADMIN_TOKEN" ${API_KEY} $(date) $1',
  '# - Error rate < 1%',
  '# Success Criteria:',
  '| Role | Name |',
  '|------|------|',
  '| Incident Commander | TBD |',
  '---',
  't0: 2025-10-21T12:00:00Z',
  'hosts: [oops',
  '> quoted text',
  '<!-- comment -->',
  'Approved by: _______',
  '- Error rate %: ⬚ (target: <1%)',
  '',
  '    indented code',
  '[link]: https://example.com',
  '\t- tabbed item',
];

const fragmentDoc = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 30 })), { maxLength: 60 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)));

type Mutation = { kind: 'delete' | 'duplicate' | 'insert' | 'swap'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'insert' as const, 'swap' as const),
  at: fc.nat({ max: seedLines.length - 1 }),
  text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })),
});

function mutate(lines: string[], mutations: Mutation[]): string {
  const out = [...lines];
  for (const m of mutations) {
    const at = Math.min(m.at, out.length - 1);
    if (at < 0) break;
    if (m.kind === 'delete') out.splice(at, 1);
    else if (m.kind === 'duplicate') out.splice(at, 0, out[at]!);
    else if (m.kind === 'insert') out.splice(at, 0, m.text);
    else if (at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1]!, out[at]!];
  }
  return out.join('\n');
}

function checkInvariants(text: string): void {
  let rb: Runbook | undefined;
  expect(() => {
    rb = importMarkdown(text, 'fuzz.md');
  }).not.toThrow();
  const runbook = rb!;
  expect(runbook.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
  expect(accountLines(runbook, text).unaccounted).toEqual([]);
  const ids = [
    ...runbook.sections,
    ...runbook.checklistItems,
    ...runbook.steps,
    ...runbook.milestones,
    ...runbook.gates,
    ...runbook.thresholds,
    ...runbook.decisionLevels,
    ...runbook.roles,
    ...runbook.references,
  ].map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const d of runbook.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(Math.max(1, runbook.lineCount + 1));
  }
  expect(() => JSON.stringify(runbook)).not.toThrow();
}

// Run counts are sized for a loaded 2-core machine: each seed import is a full markdown parse.
const TIMEOUT = 180_000;

describe('the importer on mutated and random markdown (property-based)', () => {
  it('never throws on the seed with lines deleted, duplicated, inserted or swapped, and accounts for every line', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (mutations) => checkInvariants(mutate(seedLines, mutations))),
      { numRuns: 40 },
    );
  }, TIMEOUT);

  it('never throws on the seed cut at any point', () => {
    const seed = seedLines.join('\n');
    fc.assert(
      fc.property(fc.nat({ max: seed.length }), fc.nat({ max: seed.length }), (a, b) => checkInvariants(seed.slice(Math.min(a, b), Math.max(a, b)))),
      { numRuns: 30 },
    );
  }, TIMEOUT);

  it('never throws on random runbook-like markdown with any line endings, and accounts for every line', () => {
    fc.assert(fc.property(fragmentDoc, checkInvariants), { numRuns: 300 });
  }, TIMEOUT);

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'grapheme' }), checkInvariants), { numRuns: 200 });
  }, TIMEOUT);
});
