import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';

function withFrontMatter(yaml: string[], body: string[]): string {
  return ['---', ...yaml, '---', ...body, ''].join('\n');
}

const BODY = ['# Release', '', '## Deploy', '', '```bash', 'deploy.sh', '```', '', '## Smoke tests', '', '### Check the API', '', '```bash', 'curl -f https://api/health', '```'];

describe('front matter', () => {
  it('accepts hosts as a map, prometheus as a plain URL and metrics as a bare query', () => {
    const rb = importMarkdown(
      withFrontMatter(
        ['environment: staging', 'prometheus: http://127.0.0.1:9090', 'hosts:', '  web-1: 10.0.0.5', '  web-2:', '    hostname: 10.0.0.6', '    groups: web', 'metrics:', '  Error rate: sum(rate(errors_total[1m]))'],
        BODY,
      ),
      'r.md',
    );
    expect(rb.diagnostics).toEqual([]);
    expect(rb.environment).toBe('staging');
    expect(rb.prometheusUrl).toBe('http://127.0.0.1:9090');
    expect(rb.hosts.map((h) => [h.name, h.address, h.groups])).toEqual([
      ['web-1', '10.0.0.5', []],
      ['web-2', '10.0.0.6', ['web']],
    ]);
    expect(rb.metrics).toEqual([{ metricKey: 'error_rate', name: 'Error rate', source: 'prometheus', query: 'sum(rate(errors_total[1m]))', unit: null, url: null }]);
  });

  it('targets a section (every step under it), a step by title, and a default for the rest', () => {
    const rb = importMarkdown(
      withFrontMatter(['hosts:', '  - name: web-1', '    groups: [web]', 'targets:', '  Smoke tests: local', '  Deploy: [web, web-1]', '  "*": web'], BODY),
      'r.md',
    );
    expect(rb.diagnostics).toEqual([]);
    expect(rb.steps.map((s) => [s.title, s.target])).toEqual([
      ['Deploy', { local: false, hosts: ['web-1'], groups: ['web'] }],
      ['Check the API', { local: true, hosts: [], groups: [] }],
    ]);
  });

  it('says when a target or step override matches nothing, and when a host is not declared', () => {
    const rb = importMarkdown(
      withFrontMatter(['targets:', '  Deploy: bastion-alias', '  Depoly: web', 'steps:', '  Deploy:', '    confirm: true', '  Nope:', '    timeout: 5m'], BODY),
      'r.md',
    );
    expect(rb.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      '3:3 info unknown-host',
      '4:3 warning unmatched-target',
      '8:3 warning unmatched-target',
    ]);
    expect(rb.steps[0]).toMatchObject({ confirm: true, target: { hosts: ['bastion-alias'] } });
  });

  it('lets t0 in front matter win over the document, and says so when they disagree', () => {
    const rb = importMarkdown(
      withFrontMatter(['t0: 2025-10-21T14:00:00+02:00'], ['# R', '', '**Target Date**: 2025-10-20', '', '```', '11:30 - Bridge open', '12:00 - DEPLOYMENT BEGINS', '```']),
      'r.md',
    );
    expect(rb.t0).toBe('2025-10-21T12:00:00.000Z');
    expect(rb.targetDate).toBe('2025-10-20');
    expect(rb.milestones.map((m) => m.offsetMs / 60_000)).toEqual([-30, 0]);
    expect(rb.diagnostics).toEqual([]);
    const moved = importMarkdown(withFrontMatter(['t0: 2025-10-21T13:00:00Z'], ['# R', '', '```', '12:00 - DEPLOYMENT BEGINS', '```']), 'r.md');
    expect(moved.milestones.map((m) => m.offsetMs / 60_000)).toEqual([-60]);
    expect(moved.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`)).toEqual(['7 info t0-conflict']);
  });

  it('reads a health binding that gives only a url, and rejects a metric without a query', () => {
    const rb = importMarkdown(
      withFrontMatter(['metrics:', '  API health:', '    source: health', '    url: https://api.internal/health', '  Queue depth:', '    source: scrape'], ['# R']),
      'r.md',
    );
    expect(rb.metrics.map((m) => [m.metricKey, m.source, m.query])).toEqual([['api_health', 'health', 'https://api.internal/health']]);
    expect(rb.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['6:3 invalid-front-matter']);
  });

  it('treats empty front matter as none', () => {
    const rb = importMarkdown(withFrontMatter([], ['# R']), 'r.md');
    expect(rb.diagnostics).toEqual([]);
    expect(rb.references[0]).toMatchObject({ lang: 'front-matter', line: 1, endLine: 2 });
  });
});
