// The workspace is its owner's alone (issue 16, point 9): directory 0700, database and its
// journals, heads, lock and keys 0600 — when created under a loose umask, and when an older
// workspace that was world-readable is opened again.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../electron/store/workspace';

const clock = { now: () => Date.parse('2025-10-21T12:00:00Z') };
let parent: string;
let previousUmask: number;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'tminus-perm-'));
  previousUmask = process.umask(0o022);
});

afterEach(() => {
  process.umask(previousUmask);
  rmSync(parent, { recursive: true, force: true });
});

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

function modes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, modeOf(join(dir, name))]));
}


describe.skipIf(process.platform === 'win32')('workspace permissions', () => {
  it('a new workspace is created owner-only, whatever the umask', () => {
    const dir = join(parent, 'new');
    const workspace = openWorkspace({ dataDir: dir, clock });
    try {
      expect(modeOf(dir)).toBe('700');
      workspace.heads.flush();
      for (const [name, mode] of Object.entries(modes(dir))) expect(mode, name).toBe('600');
      expect(Object.keys(modes(dir))).toEqual(expect.arrayContaining(['tminus.db', 'tminus.lock', 'tminus.heads.json']));
    } finally {
      workspace.close();
    }
  });

  it('an existing world-readable workspace is tightened when it is opened', () => {
    const dir = join(parent, 'old');
    openWorkspace({ dataDir: dir, clock }).close();
    chmodSync(dir, 0o755);
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o644);
    writeFileSync(join(dir, 'tminus.trusted-keys.json'), '{}', { mode: 0o644 });
    const workspace = openWorkspace({ dataDir: dir, clock });
    try {
      expect(modeOf(dir)).toBe('700');
      for (const [name, mode] of Object.entries(modes(dir))) expect(mode, name).toBe('600');
    } finally {
      workspace.close();
    }
  });
});
