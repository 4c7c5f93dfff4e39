// `tminus import --summary` on a real-shaped 50,000-line runbook (bench/largeRunbook.ts), as a
// person runs it: a fresh process, wall time, CPU time and peak memory (max RSS). Anchor: a fresh
// process that only reads the same file and parses it with bare remark (unified + remark-parse, no
// GFM, no front matter, whole file), measured the same way in the same run. Goal (issue 19):
// < 3 s and < 200 MB.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { largeRunbook } from './largeRunbook';
import { median, result, type Benchmark } from './harness';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = pathToFileURL(join(root, 'dist', 'node', 'cli.mjs')).href;

interface ProcessCost {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

/** Runs `body` (an ES module snippet) in a fresh node and reads its own resource usage at exit. */
function measure(body: string, usageFile: string): ProcessCost {
  const script = `
${body}
const u = process.resourceUsage();
(await import('node:fs')).writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({
  sinceSpawnMs: performance.now(),
  cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000,
  maxRssMb: u.maxRSS / 1024,
}));`;
  // The parse limit (10 s) guards against pathological runbooks; on a loaded bench machine a real
  // large one can pass it, and this bench measures time rather than testing the guard.
  const env = { ...process.env, TMINUS_RUNBOOK_PARSE_LIMIT_MS: '300000' };
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`measured process failed (${child.status}): ${child.stderr.toString().slice(-500)}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { sinceSpawnMs: number; cpuMs: number; maxRssMb: number };
  // Wall time from the process's own start (module loading included), as a person waiting sees it.
  return { wallMs: usage.sinceSpawnMs, cpuMs: usage.cpuMs, maxRssMb: usage.maxRssMb };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

const benchmark: Benchmark = {
  name: 'import-large',
  async run({ tmpDir, log, args }) {
    const lines = Number(args.find((a) => /^\d+$/.test(a)) ?? 50_000);
    const file = join(tmpDir, 'large.md');
    writeFileSync(file, largeRunbook(lines));
    const usageFile = join(tmpDir, 'usage.json');
    const importRun = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(['import', ${JSON.stringify(file)}, '--summary']);`;
    const bareRun = `const { unified } = await import('unified'); const { default: remarkParse } = await import('remark-parse');
unified().use(remarkParse).parse((await import('node:fs')).readFileSync(${JSON.stringify(file)}, 'utf8'));`;
    // The bare whole-file parse takes tens of seconds at this size: one run of it, three of the import.
    const anchor = measure(bareRun, usageFile);
    log(`bare remark parse of ${lines} lines: ${anchor.wallMs.toFixed(0)} ms wall, ${anchor.cpuMs.toFixed(0)} ms cpu, ${anchor.maxRssMb.toFixed(0)} MB max RSS`);
    const runs = [0, 1, 2].map(() => measure(importRun, usageFile));
    for (const r of runs) log(`tminus import --summary: ${r.wallMs.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms cpu, ${r.maxRssMb.toFixed(0)} MB max RSS`);
    const wall = median(runs.map((r) => r.wallMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    const rss = median(runs.map((r) => r.maxRssMb));
    return [
      result(`tminus import --summary, ${lines} lines (median of 3, wall)`, wall, 'ms', 'bare remark parse of the same file (fresh process, 1 run)', anchor.wallMs, {
        goal: '< 3000 ms',
        extra: { importCpuMs: round1(cpu), anchorCpuMs: round1(anchor.cpuMs) },
      }),
      result(`tminus import --summary, ${lines} lines: max RSS`, rss, 'MB', 'bare remark parse of the same file: max RSS', anchor.maxRssMb, { goal: '< 200 MB' }),
    ];
  },
};

export default benchmark;
