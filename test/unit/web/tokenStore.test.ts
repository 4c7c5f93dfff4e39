import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateTokens, saveTokenFile, TOKENS_FILE, TokenFileError, tokensOf } from '../../../electron/web/tokenStore';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tminus-tokens-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the browser shell token file', () => {
  it('creates a writer and a viewer token once, owner-only, and keeps them with the port on the next start', () => {
    const first = loadOrCreateTokens({ dataDir });
    expect(first.origin).toBe('created');
    expect(statSync(join(dataDir, TOKENS_FILE)).mode & 0o777).toBe(0o600);
    saveTokenFile(dataDir, { ...first.file, port: 41234 });
    const second = loadOrCreateTokens({ dataDir });
    expect(second.origin).toBe('kept');
    expect(tokensOf(second.file)).toEqual(tokensOf(first.file));
    expect(second.file.port).toBe(41234);
    expect(tokensOf(first.file).writer).not.toBe(tokensOf(first.file).viewer);
  });

  it('--new-token replaces every token but keeps the port', () => {
    const first = loadOrCreateTokens({ dataDir });
    saveTokenFile(dataDir, { ...first.file, port: 41234 });
    const rotated = loadOrCreateTokens({ dataDir, rotate: true });
    expect(rotated.origin).toBe('rotated');
    expect(tokensOf(rotated.file).writer).not.toBe(tokensOf(first.file).writer);
    expect(tokensOf(rotated.file).viewer).not.toBe(tokensOf(first.file).viewer);
    expect(rotated.file.port).toBe(41234);
  });

  it('a file that is not a token file is an error naming it, and is left as it was', () => {
    const path = join(dataDir, TOKENS_FILE);
    writeFileSync(path, '{"version":1,"tokens":"nope"}');
    expect(() => loadOrCreateTokens({ dataDir })).toThrow(TokenFileError);
    expect(() => loadOrCreateTokens({ dataDir })).toThrow(path);
    writeFileSync(path, 'not json');
    expect(() => loadOrCreateTokens({ dataDir })).toThrow(/not valid JSON/);
    expect(readFileSync(path, 'utf8')).toBe('not json');
  });
});
