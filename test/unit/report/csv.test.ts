import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvField, csvLines, csvText } from '../../../shared/report/csv';
import { parseCsv } from './rfc4180';
import { buildFixtureSession } from './sessionFixture';

describe('CSV event log', () => {
  const { events, model } = buildFixtureSession();
  const text = [...csvLines(events, model.names)].join('');
  const rows = parseCsv(text);

  it('has a header and exactly one row per event, in seq order, each with the event hash', () => {
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(events.length + 1);
    rows.slice(1).forEach((row, i) => {
      expect(row).toHaveLength(CSV_HEADER.length);
      expect(Number(row[0])).toBe(events[i]!.seq);
      expect(row[1]).toBe(events[i]!.at);
      expect(row[4]).toBe(events[i]!.type);
      expect(row[7]).toBe(events[i]!.hash);
    });
  });

  it('carries each payload as JSON that reads back to the logged payload', () => {
    rows.slice(1).forEach((row, i) => expect(JSON.parse(row[6]!)).toEqual(events[i]!.payload));
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps the text intact', () => {
    const noteRow = rows.find((row) => row[5]!.includes('fake item'))!;
    expect(noteRow[5]).toContain('```bash\nrm -rf /\n```');
    expect(text).toContain('"Session “Go-Live <v2.0> & ""friends""” created');
    expect(rows.find((row) => row[4] === 'checklist.unchecked')![2]).toBe('Bob <b>Tables</b>');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField('plain')).toBe('plain');
  });

  it('summarises each event in words, naming items, steps and gates by their runbook text', () => {
    const summaries = rows.slice(1).map((row) => row[5]);
    expect(summaries).toContain('Ticked “CTO approval” — approved by Grace Hopper');
    expect(summaries).toContain('Unticked “SSL certificates valid and installed” — reason: cert for api.example expires in 3 days');
    expect(summaries.some((s) => s!.startsWith('NO-GO at “Go/No-Go Decision — Canary: 5% of Traffic” (console said fail) — reason: error rate above 5%'))).toBe(true);
    expect(summaries).toContain('web-2: failed, exit 7, 2.1 s, 58 bytes of output — exit code 7');
  });

  it('defuses text that a spreadsheet would run as a formula, without touching the JSON payload', () => {
    expect(csvText('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('Ada')).toBe('Ada');
  });
});
