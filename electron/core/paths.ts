// Where things live on disk when the user does not say.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'T-Minus';

/**
 * The same folder Electron's `app.getPath('userData')` gives, so the desktop app, the browser
 * shell and the CLI see one workspace unless told otherwise.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.TMINUS_DATA_DIR) return env.TMINUS_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** The package root, found from a module inside it (works from sources and from dist/). */
export function packageRoot(fromUrl: string): string {
  let dir = dirname(fileURLToPath(fromUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(fromUrl));
    dir = parent;
  }
  return dir;
}

export function rendererDir(root: string): string {
  return join(root, 'dist', 'renderer');
}
