// A workspace holds the whole record of a launch, the keys that sign it and the files that let a
// browser in: only its owner may read it (issue 16, point 9). New files are created owner-only;
// a workspace made by an older version (or under a loose umask) is tightened when a writer opens it.
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Files of ours in a data directory: the database and its journals, side files, keys, tokens. */
export function isWorkspaceFile(name: string): boolean {
  return name.startsWith('tminus.') || name.startsWith('tminus-');
}

/**
 * Sets the directory to 0700 and every workspace file in it to 0600. Returns what was changed, so
 * the caller can say so; a file it may not change (another owner) is left for the open to fail on.
 */
export function tightenWorkspace(dataDir: string, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return [];
  const changed: string[] = [];
  const tighten = (path: string, mode: number) => {
    try {
      if ((statSync(path).mode & 0o777) === mode) return;
      chmodSync(path, mode);
      changed.push(path);
    } catch {
      // Gone meanwhile, or not ours: nothing to tighten here.
    }
  };
  if (!existsSync(dataDir)) return changed;
  tighten(dataDir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile() && isWorkspaceFile(entry.name)) tighten(join(dataDir, entry.name), PRIVATE_FILE_MODE);
  }
  return changed;
}
