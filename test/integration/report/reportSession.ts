// The scripted launch the report integration test exports: the seed runbook with front matter that
// puts two of its steps on real sshd hosts, and with every command replaced by a harmless stand-in
// (the seed's own commands call production URLs, which a test must never do). Headings, windows,
// gates, thresholds, checklist and decision tree stay the seed's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/consoleServer';

/** Secret values given to the session: none of them may appear in any export. */
export const SECRETS = {
  ADMIN_TOKEN: 'adm-7f3c9e1b5d2a4c68',
  STATUS_API_KEY: 'stat-91e0c4b7aa3f',
  API_KEY: 'apik-5b2d8f60c19e',
} as const;

const HOST = '${TMINUS_HOST:-?}';

/** The commands run on the hosts, by step title; every other block becomes a plain echo. */
const COMMANDS: Record<string, string> = {
  'Enable Maintenance Mode': [
    `echo "Setting maintenance_mode on ${HOST}"`,
    'echo "Authorization: Bearer $ADMIN_TOKEN"',
    'echo "status page key $STATUS_API_KEY" >&2',
    "printf '\\033[32mMaintenance mode enabled\\033[0m\\n'",
    `case "${HOST}" in app2) echo "status page unreachable" >&2; exit 3;; esac`,
  ].join('\n'),
  'Deploy New Code': [
    'echo "X-API-Key: $API_KEY"',
    `echo '</details></pre><script>alert("from the host")</script>'`,
    // About 1 MB: beyond what the HTML shows per step run, so its middle goes to the session file.
    "seq 1 60000 | sed 's/^/build step /'",
    'echo "New code deployed and verified"',
  ].join('\n'),
};

function headingBefore(text: string, index: number): string {
  const headings = [...text.slice(0, index).matchAll(/^#{1,6} (.*)$/gm)];
  return headings.at(-1)?.[1] ?? '';
}

export function reportRunbook(): string {
  const seed = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'seed.md'), 'utf8');
  const body = seed.replace(/```bash\n([\s\S]*?)```/g, (block, script: string, offset: number) => {
    const heading = headingBefore(seed, offset);
    const title = Object.keys(COMMANDS).find((t) => heading.includes(t));
    // Comments stay: the canary's success criteria are written in them, and its gate reads them.
    const comments = script.split('\n').filter((line) => line.trim().startsWith('#'));
    const command = title ? COMMANDS[title] : `echo "stand-in for: ${heading.replace(/["$`\\]/g, '')}"`;
    return `\`\`\`bash\n${[...comments, command].join('\n')}\n\`\`\``;
  });
  const frontMatter = ['---', 'hosts:', '  - name: app1', '    groups: [app]', '  - name: app2', '    groups: [app]', 'targets:', '  Enable Maintenance Mode: app', '  Deploy New Code: app1', '---', ''].join('\n');
  return frontMatter + body;
}
