// What the report claims about the plan stays honest: "as planned" about T0 only once T0 has
// passed; whether a metric could be read and the gate's verdict are separate columns; a condition
// the runbook states twice is one line in alerts-by-threshold; a run's fan-out says how many hosts
// ran at once.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { buildReportHtml } from '../../../shared/report/html/reportHtml';
import { fanOutText } from '../../../shared/session/runPolicy';
import { ada, buildFixtureSession, EventBuilder, modelOf } from './sessionFixture';

const fixture = buildFixtureSession();
const html = buildReportHtml(fixture.model, { outputs: fixture.outputs });
const render = (events: EventBuilder['events']) => buildReportHtml(modelOf(fixture.runbook, events), { outputs: { chunks: () => [] } });

describe('T0 in the masthead', () => {
  it('says "as planned" only once T0 has passed within the session', () => {
    const before = new EventBuilder('2025-10-21T09:00:00.000Z');
    before.add(ada, 'session.created', { name: 'Early', environment: 'staging', t0: '2025-10-21T12:00:00.000Z', runbook: null });
    before.add(ada, 'checklist.checked', { itemId: fixture.runbook.checklistItems[0]!.id, note: null, approver: null });
    const early = render(before.events);
    expect(early).not.toContain('as planned');
    expect(early).toContain('<dt>T0 (not reached)</dt>');
    expect(early).toContain("not reached when the session's record ends");

    before.at('2025-10-21T12:30:00.000Z').add(ada, 'checklist.noted', { itemId: fixture.runbook.checklistItems[0]!.id, text: 'after T0' });
    const after = render(before.events);
    expect(after).toContain('<dt>Actual T0</dt>');
    expect(after).toContain('as planned');
  });
});

describe('gate evidence', () => {
  it('shows whether each criterion’s metric was read apart from the gate’s verdict', () => {
    expect(html).toContain('<th>Criterion</th><th>Value</th><th>Read</th><th>Gate verdict</th><th>How it was read</th>');
    // The NO-GO's error-rate criterion: read fine, and it failed the gate — two facts, two cells.
    expect(html).toMatch(/<td>Error rate &lt; 1%<\/td><td class="nowrap">6\.2[^<]*<\/td><td><span class="chip chip-read-ok">read ok<\/span><\/td><td><span class="chip chip-fail">fail<\/span><\/td>/);
  });
});

describe('alerts by threshold', () => {
  it('lists a condition the runbook states twice (success criteria and targets) once', () => {
    const b = new EventBuilder('2025-10-21T11:00:00.000Z');
    b.add(ada, 'session.created', { name: 'Twice', environment: 'staging', t0: '2025-10-21T12:00:00.000Z', runbook: null });
    const alert = (thresholdId: string) => ({ thresholdId, severity: 'warning' as const, metricKey: 'error_rate', metric: 'Error rate', threshold: 'Error rate < 1%', value: 1.4, unit: '%', query: 'q', since: null, action: null, reason: 'r' });
    b.add(SYSTEM_ACTOR, 'metrics.alertRaised', alert('th_success'), 0);
    b.add(SYSTEM_ACTOR, 'metrics.alertRaised', alert('th_target'));
    const text = render(b.events);
    const byThreshold = text.slice(text.indexOf('<h3>By threshold</h3>'), text.indexOf('<h3>In order</h3>'));
    expect(byThreshold.match(/<td>Error rate &lt; 1%<\/td>/g)).toHaveLength(1);
  });
});

describe('fan-out in words', () => {
  it('gives the policy and how many hosts ran at once', () => {
    expect(fanOutText({ kind: 'all' }, 2, 5)).toBe('all at once, 2 at a time');
    expect(fanOutText({ kind: 'all' }, 10, 3)).toBe('all at once, 3 at a time');
    expect(fanOutText({ kind: 'rolling', batchSize: 2 }, 10, 6)).toBe('rolling in batches of 2, 2 at a time');
    expect(fanOutText({ kind: 'stop-on-first-failure' }, 1, 4)).toBe('stop on first failure, 1 at a time');
    expect(html).toContain('all at once, 2 at a time');
  });
});
