// The process boundaries are lint rules; this proves they bite (a violation fails `npm test`).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('process boundaries', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;"],
    ["import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;"],
    ["import Database from 'better-sqlite3';\nexport const d = Database;"],
    ["import { Client } from 'ssh2';\nexport const c = Client;"],
  ])('renderer/ may not import Node, Electron or native modules: %s', async (code) => {
    expect(await ruleIdsFor('renderer/src/probe.ts', code)).toContain('no-restricted-imports');
  });

  it('shared/ may not import Node or use DOM globals', async () => {
    expect(await ruleIdsFor('shared/probe.ts', "import { join } from 'path';\nexport const j = join;")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('shared/probe.ts', 'export const w = () => window.location.href;')).toContain('no-restricted-globals');
  });

  it('only electron/app/ may import electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;";
    expect(await ruleIdsFor('electron/store/probe.ts', code)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/app/probe.ts', code)).not.toContain('no-restricted-imports');
  });
});
