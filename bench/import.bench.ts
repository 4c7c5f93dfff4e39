// Runbook import speed: the seed and a generated 20,000-line runbook, each against a bare remark
// parse (unified + remark-parse, no GFM, no front matter) of the same text measured in the same run.
// Goals (issue 3): seed median < 20 ms, 20,000 lines < 1 s.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { importMarkdown } from '../shared/runbook/importMarkdown';
import { median, result, type Benchmark } from './harness';

/** Clock time `minutes` after 08:00 (the generated runbook's T0), as HH:MM. */
function clock(minutes: number): string {
  const m = (8 * 60 + minutes) % (24 * 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** One phase of a realistic runbook (~90 lines): checklists, steps with windows, thresholds, a gate, a table. */
function phase(n: number): string {
  const at = (minutes: number): string => clock(n * 10 + minutes);
  return `## Phase ${n}: Rollout wave ${n} (T+${n * 10} to T+${n * 10 + 10} min)

**${at(0)} UTC**

- [ ] **Readiness ${n}**
  - [ ] Dashboards for wave ${n} open
  - [ ] On-call for wave ${n} acknowledged
  - [x] Change ticket CHG-${1000 + n} approved
- [ ] Capacity for wave ${n} checked (≥ 1000 RPS)
- [ ] Feature flag wave_${n} prepared

**Timeline**:
\`\`\`
${at(0)} - Wave ${n} starts
${at(2)} - Traffic at 10%
${at(5)} - Traffic at 50%
\`\`\`

### Step ${n}.1: Deploy wave ${n} (5 min)

\`\`\`bash
# Deploy the wave
kubectl -n prod set image deploy/api-${n} api=registry/api:v2 \\
  --record
curl -fsS -X POST https://flags.internal/api/flags/wave_${n} \\
  -H "Authorization: Bearer $FLAGS_TOKEN" -d '{"enabled": true}'
RESULT=$(kubectl -n prod rollout status deploy/api-${n} --timeout=120s)
echo "$RESULT"
# Success Criteria:
# - Error rate < 1%
# - p95 latency < 400ms
\`\`\`

**Target**: ${at(0)} - ${at(5)} UTC

### Step ${n}.2: Verify wave ${n}

\`\`\`sh
for i in 1 2 3; do curl -fsS "https://api.internal/wave/${n}/health?try=$i"; done
\`\`\`

**Target**: ${at(5)} - ${at(8)} UTC

**Go/No-Go Decision**: ${at(9)}
- **GO**: continue with wave ${n + 1}
- **NO-GO**: disable wave_${n} and roll back

**Escalation Criteria**:
- Error rate > 5% → Immediate escalation
- p99 latency > 2000ms → Escalation
- CPU usage > 85% sustained → Escalation

| Role | Name | Responsibility |
|------|------|----------------|
| Wave ${n} lead | TBD | Runs wave ${n} |
| Wave ${n} observer | TBD | Watches the dashboards |

Notes for wave ${n}: keep the old pods for an hour. The wave is done when the dashboards are green
for ten minutes and the error budget burn is below the alerting threshold.

---

`;
}

/** Whole phases up to `targetLines`, then note lines to make the count exact (no block is cut). */
export function generatedRunbook(targetLines: number): string {
  const lines = ['# Generated runbook', '', '**Target Date**: 2026-02-01', '**Target Time**: 08:00 UTC', ''];
  for (let n = 1; ; n++) {
    const next = phase(n).split('\n');
    if (lines.length + next.length > targetLines - 2) break;
    lines.push(...next);
  }
  lines.push('## Notes', '');
  for (let k = 1; lines.length < targetLines; k++) lines.push(`- Note ${k}: nothing to add.`);
  return lines.join('\n');
}

const bare = (text: string): unknown => unified().use(remarkParse).parse(text);

interface Timing {
  value: number;
  anchor: number;
  /** CPU time (user + system) medians: on a shared, loaded machine, closer to what an idle one shows. */
  valueCpu: number;
  anchorCpu: number;
}

function timed(run: () => unknown, wall: number[], cpu: number[]): void {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  wall.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}

/**
 * Medians of the import and of its anchor, run alternately so that a load change on a shared
 * machine hits both alike (the ratio is the figure to trust; absolute times drift with load).
 */
function interleaved(importRun: () => unknown, anchorRun: () => unknown, runs: number, warmup: number): Timing {
  for (let i = 0; i < warmup; i++) {
    importRun();
    anchorRun();
  }
  const values: number[] = [];
  const anchors: number[] = [];
  const valuesCpu: number[] = [];
  const anchorsCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    timed(importRun, values, valuesCpu);
    timed(anchorRun, anchors, anchorsCpu);
  }
  return { value: median(values), anchor: median(anchors), valueCpu: median(valuesCpu), anchorCpu: median(anchorsCpu) };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

const benchmark: Benchmark = {
  name: 'import',
  async run({ log }) {
    const seed = readFileSync(new URL('../test/fixtures/runbooks/seed.md', import.meta.url), 'utf8');
    const seedTimes = interleaved(() => importMarkdown(seed, 'seed.md'), () => bare(seed), 30, 3);
    log(`seed: ${seed.split('\n').length} lines, import ${seedTimes.value.toFixed(2)} ms (cpu ${seedTimes.valueCpu.toFixed(1)}), bare remark parse ${seedTimes.anchor.toFixed(2)} ms (cpu ${seedTimes.anchorCpu.toFixed(1)})`);

    const big = generatedRunbook(20_000);
    const check = importMarkdown(big, 'generated.md');
    log(`generated: ${check.lineCount} lines, ${check.checklistItems.length} items, ${check.steps.length} steps, ${check.thresholds.length} thresholds, ${check.diagnostics.length} diagnostics`);
    const bigTimes = interleaved(() => importMarkdown(big, 'generated.md'), () => bare(big), 5, 1);
    log(`20k lines: import ${bigTimes.value.toFixed(0)} ms (cpu ${bigTimes.valueCpu.toFixed(0)}), bare remark parse ${bigTimes.anchor.toFixed(0)} ms (cpu ${bigTimes.anchorCpu.toFixed(0)})`);

    return [
      result('import seed (median)', seedTimes.value, 'ms', 'bare remark parse of the seed', seedTimes.anchor, {
        goal: '< 20 ms',
        extra: { lines: seed.split('\n').length, importCpuMs: round1(seedTimes.valueCpu), anchorCpuMs: round1(seedTimes.anchorCpu) },
      }),
      result('import 20,000-line runbook (median)', bigTimes.value, 'ms', 'bare remark parse of the same text', bigTimes.anchor, {
        goal: '< 1000 ms',
        extra: {
          lines: check.lineCount,
          steps: check.steps.length,
          checklistItems: check.checklistItems.length,
          importCpuMs: round1(bigTimes.valueCpu),
          anchorCpuMs: round1(bigTimes.anchorCpu),
        },
      }),
    ];
  },
};

export default benchmark;
