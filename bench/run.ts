// `npm run bench [-- name …]`: runs every bench/*.bench.ts (or the named ones), prints a table and
// writes bench/out/results.json.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchResult } from './harness';

const benchDir = dirname(fileURLToPath(import.meta.url));
const selected = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const files = readdirSync(benchDir).filter((file) => file.endsWith('.bench.ts')).sort();

const all: BenchResult[] = [];
for (const file of files) {
  const benchmark = (await import(pathToFileURL(join(benchDir, file)).href)).default as Benchmark;
  const isSelected = selected.includes(benchmark.name);
  if (selected.length > 0 ? !isSelected : benchmark.onlyWhenSelected) continue;
  const tmpDir = mkdtempSync(join(tmpdir(), `tminus-bench-${benchmark.name}-`));
  console.log(`\n▶ ${benchmark.name}`);
  try {
    const results = await benchmark.run({
      args: process.argv.slice(2).filter((arg) => arg !== benchmark.name),
      tmpDir,
      log: (line) => console.log(`  ${line}`),
    });
    all.push(...results);
    console.table(
      results.map((r) => ({
        name: r.name,
        value: `${round(r.value)} ${r.unit}`,
        anchor: `${r.anchor}: ${round(r.anchorValue)} ${r.unit}`,
        ratio: round(r.ratio),
        goal: r.goal ?? '',
      })),
    );
  } catch (error) {
    console.error(`  ✗ ${benchmark.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

const outFile = join(benchDir, 'out', 'results.json');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(all, null, 2)}\n`);
console.log(`\n${all.length} results → ${outFile}`);

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}
