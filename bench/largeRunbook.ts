// A real-shaped large runbook for the scale benches (issue 19): the seed runbook's sections —
// pre-launch checklists, schedule phases with timelines and SSH steps, canaries with gates and
// criteria, roles, decision tree — repeated as waves whose headings, items, flags and services carry
// the wave number, so ids, search hits and timelines stay distinct instead of collapsing into
// duplicates. `node --import tsx bench/largeRunbook.ts 50000 > big.md` writes one to a file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const seedPath = fileURLToPath(new URL('../test/fixtures/runbooks/seed.md', import.meta.url));

/** The seed split into its header (title, front lines) and its `## ` sections. */
function seedParts(): { header: string[]; sections: string[][] } {
  const lines = readFileSync(seedPath, 'utf8').split('\n');
  const header: string[] = [];
  const sections: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('## ')) sections.push([line]);
    else if (sections.length > 0) sections.at(-1)!.push(line);
    else header.push(line);
  }
  // The table of contents links to the seed's own anchors; repeated, it would only be noise.
  return { header, sections: sections.filter((section) => !section[0]!.startsWith('## Table of Contents')) };
}

/** One section rewritten for wave `n`: headings, checklist items, flags and hosts renamed. */
function waveSection(section: string[], n: number): string[] {
  let inFence = false;
  return section.map((line) => {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) {
      return line
        .replace(/"flag": "([a-z0-9_]+)"/g, `"flag": "$1_w${n}"`)
        .replace(/prod\.api\.com/g, `prod-w${n}.api.com`)
        .replace(/dashboard_([a-z_]+)/g, `dashboard_$1`);
    }
    if (/^#{2,4} /.test(line)) return `${line} — wave ${n}`;
    const item = /^(\s*- \[[ x]\] )(.*)$/.exec(line);
    if (item) return `${item[1]}${item[2]} (wave ${n})`;
    return line;
  });
}

/** Waves of the seed's sections up to `targetLines`, padded with note lines to the exact count. */
export function largeRunbook(targetLines: number): string {
  const { header, sections } = seedParts();
  const lines = [...header];
  for (let n = 1; ; n++) {
    const wave = sections.flatMap((section) => waveSection(section, n));
    if (lines.length + wave.length > targetLines - 2) break;
    lines.push(...wave);
  }
  lines.push('## Notes', '');
  for (let k = 1; lines.length < targetLines; k++) lines.push(`- Note ${k}: nothing to add.`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(largeRunbook(Number(process.argv[2] ?? 50_000)));
}
