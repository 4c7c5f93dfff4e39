// The importer against real public runbooks (test/fixtures/runbooks/corpus, sources in
// SOURCES.json). Each document's expected structure was written by reading it; every miss that
// remains is listed in known-misses.json with the reason, so a new miss fails here and a fixed one
// must be taken off the list.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { accountLines } from '../../../shared/runbook/lineAccounting';
import { corpusFiles, loadDoc, measure } from './corpusMeasure';

const known = JSON.parse(readFileSync(new URL('../../fixtures/runbooks/corpus/known-misses.json', import.meta.url), 'utf8')) as Record<string, Record<string, string>>;

describe('real-world runbooks (corpus)', () => {
  it('has at least 12 documents, each with a recorded source and licence', () => {
    const sources = JSON.parse(readFileSync(new URL('../../fixtures/runbooks/corpus/SOURCES.json', import.meta.url), 'utf8')) as { documents: Array<{ file: string; repo: string; commit: string; licence: string }> };
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const source = sources.documents.find((d) => d.file === file);
      expect(source, file).toBeDefined();
      expect(source!.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(['MIT', 'Apache-2.0', 'CC-BY-4.0', 'CC0-1.0']).toContain(source!.licence);
    }
  });

  for (const file of corpusFiles()) {
    it(`${file}: the importer finds what a reader finds (misses only as listed, with reasons)`, () => {
      const source = loadDoc(file);
      const rb = importMarkdown(source, file);
      expect(accountLines(rb, source).unaccounted).toEqual([]);
      const misses = measure(file, rb).misses.map((m) => `${m.category}:${m.key}`).sort();
      expect(misses).toEqual(Object.keys(known[file] ?? {}).sort());
    });
  }
});
