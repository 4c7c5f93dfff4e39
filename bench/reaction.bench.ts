// Reaction time as the IC sees it (issue 19): a line a host prints → that line in the output
// viewer's DOM (Run tab, browser shell in Chromium), against a bare ssh2 client on the same host
// receiving the same line. The host stamps each line with its clock (`date +%s%3N`, same machine
// as the browser and the bench), so each figure is "printed → seen". Lines come one at a time,
// 300 ms apart: the lone line that a fixed flush interval would make wait.
//
//   npm run bench -- reaction [--lines=40]
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/support/chromium';
import { callConsole, startConsole } from '../test/support/consoleServer';
import { startSshdCluster } from '../test/support/sshd';
import { createTestbed } from '../test/support/sshTestbed';
import { openRunTab } from './benchPage';
import { median, percentile, result, type Benchmark } from './harness';
import { bareExec } from './sshScale';

const markCommand = (lines: number) => `for i in $(seq 1 ${lines}); do sleep 0.3; echo "mark $i $(date +%s%3N)"; done`;

function runbook(lines: number): string {
  return ['---', 'title: Reaction', 'hosts:', '  - name: app1', 'targets:', '  Print marks: app1', '---', '', '# Reaction', '', '## Run', '', '### Print marks', '', '```bash', markCommand(lines), '```', ''].join('\n');
}

/** Installed in the page before the run: the delay of every `mark N STAMP` line reaching the DOM. */
const OBSERVE_IN_PAGE = `(() => {
  const seen = new Map();
  const scan = (text) => { for (const m of text.matchAll(/mark (\\d+) (\\d{13})/g)) if (!seen.has(m[1])) seen.set(m[1], Date.now() - Number(m[2])); };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') scan(r.target.textContent || '');
      for (const node of r.addedNodes) scan(node.textContent || '');
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  window.__marks = seen;
})()`;

const benchmark: Benchmark = {
  name: 'reaction',
  async run({ args, tmpDir, log }) {
    const lines = Number(args.find((a) => a.startsWith('--lines='))?.slice(8) ?? 40);
    const cluster = await startSshdCluster({ hosts: [{ name: 'app1' }] });
    const sshConfig = join(tmpDir, 'ssh_config');
    writeFileSync(sshConfig, cluster.sshConfigText());
    const knownHosts = cluster.writeKnownHosts([cluster.knownHostsLine('app1')]);
    const running = await startConsole({ env: { TMINUS_SSH_CONFIG: sshConfig, TMINUS_KNOWN_HOSTS: knownHosts, SSH_AUTH_SOCK: '' } });
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    const bed = createTestbed(cluster);
    try {
      // Anchor: bare ssh2 on a warm connection, the same command, delays taken as the data arrives.
      const bare: number[] = [];
      const client = await bed.pool.acquire(bed.pool.resolve('app1'));
      await bareExec(client, markCommand(lines), null, (data) => {
        for (const m of data.toString().matchAll(/mark (\d+) (\d{13})/g)) bare.push(Date.now() - Number(m[2]));
      });

      const actor = { name: 'Bench', role: 'Incident Commander' };
      const session = await callConsole<{ id: string }>(running, 'createSession', {
        name: 'Reaction',
        environment: 'staging',
        t0: new Date().toISOString(),
        actor,
        runbook: { sourceName: 'reaction.md', content: runbook(lines) },
      });
      const opened = await callConsole<{ runbook: { steps: Array<{ id: string }> } }>(running, 'openSession', { sessionId: session.id });
      const page = await openRunTab(browser, running, session.id);
      await page.evaluate(OBSERVE_IN_PAGE);
      await callConsole(running, 'runStep', { sessionId: session.id, actor, stepId: opened.runbook.steps[0]!.id });
      const deadline = Date.now() + lines * 300 + 30_000;
      let ui: number[] = [];
      while (Date.now() < deadline) {
        ui = (await page.evaluate('[...window.__marks.values()]')) as number[];
        if (ui.length >= lines) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if (ui.length < lines) throw new Error(`only ${ui.length} of ${lines} lines reached the output viewer`);
      log(`sshd mode ${cluster.mode}; console → DOM median ${median(ui)} ms, p95 ${percentile(ui, 95)} ms; bare ssh2 median ${median(bare)} ms, p95 ${percentile(bare, 95)} ms`);
      return [
        result('a printed line → the output viewer DOM, p95', percentile(ui, 95), 'ms', 'bare ssh2 client on the same host, p95', percentile(bare, 95), {
          goal: '≤ 50 ms',
          extra: { medianMs: median(ui), anchorMedianMs: median(bare), lines },
        }),
      ];
    } finally {
      await browser.close();
      await running.stop();
      await bed.close();
      await cluster.stop();
    }
  },
};

export default benchmark;
