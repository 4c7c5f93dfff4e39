#!/usr/bin/env node
// Entry point of the `tminus` command: runs the bundled CLI (built by `npm run build`, which
// `npm install` runs through the prepare script).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'node', 'cli.mjs');
if (!existsSync(cli)) {
  process.stderr.write('tminus: not built yet — run `npm run build` in the T-Minus folder first.\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
