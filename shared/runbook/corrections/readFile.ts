// Reading a corrections side file. A bad file is one clear error with its line and column — JSON
// that does not parse, or a field that is wrong — and nothing of it is applied (half a file of
// corrections could leave a criterion half flipped). The file itself is never rewritten while it
// is bad, so nothing in it is lost.
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { correctionsFileSchema, type CorrectionsFile } from './schema';

export interface CorrectionsFileError {
  line: number;
  column: number;
  message: string;
}

export type ReadCorrections = { ok: true; file: CorrectionsFile } | { ok: false; error: CorrectionsFileError };

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** Where the value at `path` is written (JSON is YAML, and yaml keeps every node's range). */
function whereIs(text: string, path: PropertyKey[]): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as Array<string | number>, true);
    if (isNode(node) && node.range) {
      const p = lineCounter.linePos(node.range[0]);
      return { line: p.line, column: p.col };
    }
  }
  return { line: 1, column: 1 };
}

function describePath(path: PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function firstIssue(error: z.ZodError): z.core.$ZodIssue {
  // A wrong `kind` reports every variant's complaint; the one about `kind` itself is the useful one.
  return error.issues.find((i) => i.code === 'invalid_union' || i.path.at(-1) === 'kind') ?? error.issues[0]!;
}

export function readCorrectionsFile(text: string): ReadCorrections {
  const source = String(text).replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : at ? position(source, Number(at[1])) : { line: 1, column: 1 };
    return { ok: false, error: { ...where, message: `not valid JSON (${message.replace(/^.*?:\s*/, '').replace(/\s*\(line \d+ column \d+\)/, '')})` } };
  }
  const parsed = correctionsFileSchema.safeParse(data);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = firstIssue(parsed.error);
  const path = issue.path as PropertyKey[];
  const where = whereIs(source, path);
  return { ok: false, error: { ...where, message: `${path.length > 0 ? `${describePath(path)}: ` : ''}${issue.message}` } };
}
