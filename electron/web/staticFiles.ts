// The built renderer, served read-only from one folder. Paths are resolved and checked to stay
// inside it; unknown paths without an extension get index.html (client-side routes).
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  path: string;
  contentType: string;
  immutable: boolean;
}

export function resolveStaticFile(root: string, urlPath: string): StaticFile | null {
  const rootDir = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(rootDir, `.${normalize(`/${decoded}`)}`);
  if (candidate !== rootDir && !candidate.startsWith(rootDir + sep)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) {
    return {
      path: candidate,
      contentType: CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream',
      // Vite puts content-hashed files under assets/.
      immutable: candidate.startsWith(join(rootDir, 'assets') + sep),
    };
  }
  if (extname(decoded) === '') {
    const index = join(rootDir, 'index.html');
    if (existsSync(index)) return { path: index, contentType: CONTENT_TYPES['.html']!, immutable: false };
  }
  return null;
}

export function sendStaticFile(response: ServerResponse, file: StaticFile, headOnly: boolean): void {
  response.statusCode = 200;
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Length', statSync(file.path).size);
  response.setHeader('Cache-Control', file.immutable ? 'private, max-age=31536000, immutable' : 'no-store');
  if (headOnly) {
    response.end();
    return;
  }
  createReadStream(file.path).pipe(response);
}
