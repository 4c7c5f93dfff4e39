// Prints expected vs found per category for the runbook corpus (test/fixtures/runbooks/corpus).
// `npx tsx scripts/corpus-report.ts` for the table, `--misses` to list every miss.
import { CATEGORIES, measureCorpus } from '../test/unit/runbook/corpusMeasure';

const { perDoc, total } = measureCorpus();
const pad = (s: string, n: number): string => s.padEnd(n);
console.log(pad('category', 12) + 'found/expected');
for (const c of CATEGORIES) console.log(pad(c, 12) + `${total.found[c]}/${total.expected[c]}`);
if (process.argv.includes('--misses')) {
  for (const doc of perDoc) {
    for (const m of doc.misses) console.log(`${doc.file}:${m.key}: ${m.category}: ${m.detail}`);
  }
}
