// 100-kill soak: `tminus serve` SIGKILLed at random moments (every tenth while starting) while
// four HTTP clients append notes. Figure: acknowledged events lost after the restarts (goal 0),
// with the number acknowledged as the anchor that gives it weight. `--kills N`, `--seed N`.
import { removeSoakDir, runCrashSoak } from '../test/support/crashSoak';
import { result, type Benchmark } from './harness';

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? Number(args[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const benchmark: Benchmark = {
  name: 'crash',
  onlyWhenSelected: true,
  async run({ args, log }) {
    const kills = option(args, 'kills', 100);
    const seed = option(args, 'seed', Date.now() % 1_000_000);
    log(`${kills} kills, seed ${seed}`);
    const soak = await runCrashSoak({ kills, seed, startupKillEvery: 10, clients: 4, maxAppendMs: 400, log: (line) => (/^kill \d*0\b/.test(line) ? log(line) : undefined) });
    try {
      for (const problem of soak.problems) log(`problem: ${problem}`);
      return [
        result('acknowledged events lost over the soak', soak.lost, 'events', 'events acknowledged (200) before the kills', soak.acknowledged, {
          goal: '0 lost',
          extra: { kills, seed, eventsInLog: soak.eventsInLog, problems: soak.problems.length },
        }),
      ];
    } finally {
      removeSoakDir(soak);
    }
  },
};

export default benchmark;
