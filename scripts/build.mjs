// Builds everything `npm start`, `npm run serve` and the `tminus` command run:
//   dist/node/cli.mjs           the CLI and browser shell (Node)
//   dist/electron/main.cjs      Electron main process
//   dist/electron/preload.cjs   the sandboxed preload bridge
//   dist/*/runbookParseWorker.cjs  the worker thread that reads runbooks (beside each bundle that starts it)
//   dist/renderer/              the React UI (Vite)
// Native modules stay external: they are loaded from node_modules (Node ABI) or from the
// Electron-ABI copy in native/ (see docs/architecture.md).
import { build as esbuild } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);
const native = ['better-sqlite3', 'ssh2', 'cpu-features', 'bufferutil', 'utf-8-validate', '@napi-rs/keyring'];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

// Runbooks are parsed in a worker thread (electron/runbook/runbookParser.ts), which loads this file
// from beside the bundle that starts it. CommonJS, so Electron can also evaluate it from app.asar.
const parseWorker = (outdir) =>
  esbuild({ ...common, entryPoints: { runbookParseWorker: 'electron/runbook/runbookParseWorker.ts' }, outdir, outExtension: { '.js': '.cjs' }, format: 'cjs' });

const started = Date.now();
if (wants('node')) {
  rmSync(join(root, 'dist', 'node'), { recursive: true, force: true });
  await esbuild({
    ...common,
    entryPoints: { cli: 'electron/cli/main.ts' },
    outdir: 'dist/node',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // Commands are imported when run (electron/cli/main.ts): split, each loads only its own code.
    splitting: true,
    // Chunks sit beside cli.mjs: code that finds files relative to import.meta.url (the parse worker) still finds them.
    chunkNames: '[name]-[hash]',
    external: [...native, 'electron'],
    // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __tminusRequire } from 'node:module'; const require = __tminusRequire(import.meta.url);" },
  });
  await parseWorker('dist/node');
}
if (wants('electron')) {
  rmSync(join(root, 'dist', 'electron'), { recursive: true, force: true });
  await esbuild({
    ...common,
    entryPoints: { main: 'electron/app/main.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: [...native, 'electron'],
    define: { 'import.meta.url': '__tminusImportMetaUrl' },
    banner: { js: "const __tminusImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await parseWorker('dist/electron');
  // A sandboxed preload can only require('electron') and a few built-ins: bundle everything else.
  await esbuild({
    ...common,
    entryPoints: { preload: 'electron/app/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
  });
}
if (wants('renderer')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
console.log(`built ${only.length ? only.join(', ') : 'node, electron, renderer'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
