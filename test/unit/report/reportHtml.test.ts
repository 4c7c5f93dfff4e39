import { describe, expect, it } from 'vitest';
import { buildReportHtml, REPORT_CSP } from '../../../shared/report/html/reportHtml';
import type { OutputChunk, OutputLimits } from '../../../shared/report/output';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import { ada, buildFixtureSession, EventBuilder, HOSTILE, modelOf } from './sessionFixture';

const fixture = buildFixtureSession();
const html = buildReportHtml(fixture.model, { outputs: fixture.outputs });

/** Text content of the document's <pre> blocks, entities decoded (what a reader sees). */
function preText(document: string): string {
  return [...document.matchAll(/<pre>([\s\S]*?)<\/pre>/g)]
    .map((m) => m[1]!.replace(/<[^>]+>/g, ''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('HTML report', () => {
  it('escapes hostile output, notes and names: no element, script or remote image ever comes from them', () => {
    expect(html).not.toMatch(/<script|<img|<iframe|javascript:/i);
    expect(html).not.toContain('evil.example/x.png">');
    expect(html).toContain('&lt;/details&gt;&lt;/pre&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(preText(html)).toContain(HOSTILE);
    expect(html).toContain('<h1>Go-Live &lt;v2.0&gt; &amp; &quot;friends&quot;</h1>');
    expect(html).toContain('Bob &lt;b&gt;Tables&lt;/b&gt;');
    // Every <details> the report opens is closed by the report, not by output.
    expect(html.match(/<details/g)!.length).toBe(html.match(/<\/details>/g)!.length);
  });

  it('is self-contained: a CSP that forbids every request, inline styles, no external URL to load', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(html).not.toMatch(/<link\b|@import|url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.every((href) => href.startsWith('#') || href === fixture.model.sessionFileName)).toBe(true);
  });

  it('tells the whole story: summary numbers, timeline chart, decisions with evidence charts and thresholds, alerts, steps, checklist, notes, chain head', () => {
    expect(html).toContain('1 GO · 1 NO-GO');
    expect(html).toContain('<div class="v">2</div><div class="l">Highest level</div>');
    expect(html).toContain('<svg class="chart timeline-chart"');
    expect(html.match(/<svg class="chart metric-chart"/g)).toHaveLength(4);
    expect(html).toContain('&lt; 1% gate');
    expect(html).toContain('&lt; 0.5 s gate');
    expect(html).toContain('error rate above 5% — hold the canary');
    expect(html).toContain('Error rate &gt; 5%');
    expect(html).toContain('Decision level 0 → <strong>2</strong>');
    expect(html).toContain('Confirmed by typing “Enable Maintenance Mode”');
    expect(html).toContain('approved by <strong>Grace Hopper</strong>');
    expect(html).toContain('cert for api.example expires in 3 days');
    expect(html).toContain(fixture.model.chain.headHash);
    expect(html).toContain(`tminus verify ${fixture.model.sessionFileName}`);
  });

  it('shows output whole within its budget, with terminal colours removed and standard error marked', () => {
    expect(preText(html)).toContain('✅ Maintenance mode enabled\nAuthorization: Bearer [REDACTED:ADMIN_TOKEN]\n');
    expect(html).not.toContain('\x1b');
    expect(html).toContain('<span class="e">curl: (7) Failed to connect to status.company.com port 443\n</span>');
  });

  it('never cuts output silently: beyond the per-run budget it shows the first and last lines and names the session file', () => {
    const limits: OutputLimits = { perRunChars: 2000, totalChars: 1_000_000, excerptLines: 10, excerptChars: 4000 };
    const small = buildReportHtml(fixture.model, { outputs: fixture.outputs, limits });
    const text = preText(small);
    expect(text).toContain('build line 1\n');
    expect(text).toContain('build line 10\n');
    expect(text).not.toContain('build line 11\n');
    expect(text).toContain('build line 4991\n');
    expect(text).toContain('build line 5000\n');
    expect(text).not.toContain('build line 4990\n');
    expect(small).toContain('left out here: 4,980 lines');
    expect(small).toContain(`The complete output is in the session file <a href="${fixture.model.sessionFileName}">`);
  });

  it('says when the report-wide budget, not the step run, is what stops output', () => {
    const limits: OutputLimits = { perRunChars: 1_000_000, totalChars: 150, excerptLines: 1, excerptChars: 400 };
    const tiny = buildReportHtml(fixture.model, { outputs: fixture.outputs, limits });
    expect(tiny.includes('this report’s output budget is used up')).toBe(true);
    // Hosts after that show their size and where the output is, no lines.
    expect(tiny.includes('<strong>Output of web-1 — 66.4 KB — is not shown here:</strong> this report’s output budget was used up by the runs before it.')).toBe(true);
    expect(preText(tiny).includes('build line')).toBe(false);
  });

  it('the print variant opens every output block for the PDF', () => {
    const print = buildReportHtml(fixture.model, { outputs: fixture.outputs, variant: 'print' });
    expect(print).toMatch(/<details open>/);
    expect(print).not.toMatch(/<details>/);
  });

  it('reports progress for every section and host output, ending at the total', () => {
    const seen: Array<[number, number]> = [];
    buildReportHtml(fixture.model, { outputs: fixture.outputs, onProgress: (done, total) => seen.push([done, total]) });
    const total = seen[0]![1];
    expect(total).toBe(8 + 3);
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('renders a session with no runbook, no steps and no metrics without failing, saying what is absent', () => {
    const bare = { ...fixture.model, runbook: null, timeline: null };
    const text = buildReportHtml({ ...bare, state: { ...bare.state, steps: { ...bare.state.steps, order: [] } } }, { outputs: { chunks: (): OutputChunk[] => [] } });
    expect(text).toContain('This session has no runbook, so nothing was planned.');
    expect(text).toContain('No step was run in this session.');
  });

  it('a flapping alert and an item worked on many times are summarised, not dropped: counts, first and last, and where the rest is', () => {
    const b = new EventBuilder('2025-10-21T11:00:00.000Z');
    b.add(ada, 'session.created', { name: 'Flapping', environment: 'staging', t0: '2025-10-21T12:00:00.000Z', runbook: null });
    const alert = { thresholdId: 'th_x', severity: 'warning' as const, metricKey: 'error_rate', metric: 'Error rate', threshold: 'Error rate < 1%', value: 1.2, unit: '%', query: 'q', since: null, action: null, reason: 'r' };
    for (let i = 0; i < 1500; i++) {
      b.add(SYSTEM_ACTOR, 'metrics.alertRaised', alert);
      b.add(SYSTEM_ACTOR, i === 700 ? 'metrics.alertDataLost' : 'metrics.alertCleared', { ...alert, value: 0.5 }, i === 700 ? 60_000 : 1000);
    }
    const item = fixture.runbook.checklistItems[1]!;
    for (let i = 0; i < 20; i++) {
      b.add(ada, 'checklist.checked', { itemId: item.id, note: `tick ${i}`, approver: null });
      b.add(ada, 'checklist.unchecked', { itemId: item.id, reason: `untick ${i}` });
    }
    const flapping = buildReportHtml(modelOf(fixture.runbook, b.events, 'Flapping'), { outputs: { chunks: () => [] } });
    expect(flapping.includes('… 2,000 transitions not shown here; every one is in <a href="flapping-20251021.events.csv">flapping-20251021.events.csv</a> and <a href="flapping-20251021.tminus.json">')).toBe(true);
    expect(flapping.match(/<tr><td><span class="nowrap">[^<]*<\/span> <span class="muted small nowrap">[^<]*<\/span><\/td><td>Alert /g)).toHaveLength(1000);
    // One threshold, raised 1,499 times: losing its data once kept it raised into the next raise, the longest breach.
    expect(/<td>Error rate &lt; 1%<\/td><td><span class="chip chip-warning">warning<\/span><\/td><td class="num">1,499<\/td>.*?<td class="num nowrap">1 min 02 s<\/td>/.test(flapping)).toBe(true);
    // 40 entries on one item: the first 3 and the last 9, and a line for the 28 between.
    expect(flapping.includes('<li class="gap-item">… 28 entries not shown here;')).toBe(true);
    expect(flapping.includes('“untick 19”')).toBe(true);
    expect(flapping.includes('“tick 1”')).toBe(true);
    expect(flapping.includes('“tick 5”')).toBe(false);
  });
});
