import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processGroupReport, ProcessGroupMarkerFilter } from '../../../electron/ssh/processGroupMarker';

const frame = (nonce: string, pgid: number) => `\x1eTMINUS-PGID ${nonce} ${pgid}\x1e\n`;

describe('process group marker', () => {
  it('removes the marker line from stderr and captures the group, however the text is split', () => {
    const text = `${frame('abc123', 4242)}warning: real stderr\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      const filter = new ProcessGroupMarkerFilter('abc123');
      const found: number[] = [];
      filter.onFound = (pgid) => void found.push(pgid);
      const out = filter.push(text.slice(0, cut)) + filter.push(text.slice(cut)) + filter.end();
      expect(out).toBe('warning: real stderr\n');
      expect(filter.pgid).toBe(4242);
      expect(found).toEqual([4242]);
    }
  });

  it('keeps text printed before the marker (a login shell talking) and ignores another nonce', () => {
    const filter = new ProcessGroupMarkerFilter('good');
    const out = filter.push(`motd line\n${frame('evil', 1)}`) + filter.push(frame('good', 77)) + filter.end();
    expect(out).toBe(`motd line\n${frame('evil', 1)}`);
    expect(filter.pgid).toBe(77);
  });

  it('gives up after 64 KiB without a marker and passes everything through', () => {
    const filter = new ProcessGroupMarkerFilter('n');
    const big = 'x'.repeat(70 * 1024);
    expect(filter.push(big)).toBe(big);
    expect(filter.settled).toBe(true);
    expect(filter.push(frame('n', 5))).toBe(frame('n', 5));
  });

  it('the shell prologue reports the process group of bash itself', () => {
    const stderr = execFileSync('bash', ['-c', `${processGroupReport('t1')} ps -o pgid= -p $$ | tr -d ' ' >&2`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(stderr).toBe('');
    const both = execFileSync('bash', ['-c', `exec 2>&1; ${processGroupReport('t1')} ps -o pgid= -p $$ | tr -d ' '`], { encoding: 'utf8' });
    const [marker, pgid] = both.split('\n');
    expect(marker).toBe(`\x1eTMINUS-PGID t1 ${pgid}\x1e`);
  });
});
