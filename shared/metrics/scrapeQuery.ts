// The small query language for metrics read straight from a `/metrics` endpoint (no Prometheus).
//
// It covers what a go-live runbook watches, with the PromQL spelling people already know:
//
//   dashboard_cpu_percent{instance="green"}          a plain series (summed over matching series)
//   rate(dashboard_requests_total[30s])               per-second rate of a counter over successive scrapes
//   ratio(dashboard_errors_total, dashboard_requests_total)
//                                                     100 × rate(a) / rate(b): a percentage of rates
//   quantile(0.95, dashboard_request_duration_ms_bucket[1m])
//                                                     a quantile from histogram buckets over the window
//
// Every form sums over the series its selector matches (like `sum(...)` in PromQL), because a
// threshold compares one number. The window defaults to 30 s when none is written; with `ratio`
// either argument may carry it. Label matchers: `=`, `!=`, `=~`, `!~` (regexes are anchored, as in
// Prometheus). Errors name the column, so the bindings editor can point at the mistake.

export const DEFAULT_SCRAPE_WINDOW_MS = 30_000;

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
}

export interface Selector {
  name: string;
  matchers: LabelMatcher[];
}

export type ScrapeQuery =
  | { kind: 'series'; selector: Selector }
  | { kind: 'rate'; selector: Selector; windowMs: number }
  | { kind: 'ratio'; numerator: Selector; denominator: Selector; windowMs: number }
  | { kind: 'quantile'; quantile: number; selector: Selector; windowMs: number };

export interface ScrapeQueryError {
  message: string;
  /** 1-based column of the offending character. */
  column: number;
}

export type ParsedScrapeQuery = { ok: true; query: ScrapeQuery } | { ok: false; error: ScrapeQueryError };

type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'range' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the query. */
  at: number;
}

class QueryError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const PUNCTUATION = ['!=', '=~', '!~', '(', ')', '{', '}', ',', '='];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const ident = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    if (ch === '"') {
      const { value, end } = readString(source, i);
      tokens.push({ kind: 'string', text: value, at: i });
      i = end;
      continue;
    }
    if (ch === '[') {
      const close = source.indexOf(']', i);
      if (close < 0) throw new QueryError('unclosed "[": a window looks like [30s]', i);
      tokens.push({ kind: 'range', text: source.slice(i + 1, close).trim(), at: i });
      i = close + 1;
      continue;
    }
    const punct = PUNCTUATION.find((p) => rest.startsWith(p));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, at: i });
      i += punct.length;
      continue;
    }
    throw new QueryError(`unexpected character "${ch}"`, i);
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

function readString(source: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) break;
      value += next === 'n' ? '\n' : next;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  throw new QueryError('unclosed string: label values are written in double quotes', start);
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `1m`, `1m30s`, `500ms` → milliseconds. */
export function parseDuration(text: string): number | null {
  if (!/^(\d+(ms|s|m|h))+$/.test(text)) return null;
  let total = 0;
  for (const part of text.matchAll(/(\d+)(ms|s|m|h)/g)) total += Number(part[1]) * DURATION_UNITS[part[2]!]!;
  return total > 0 ? total : null;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): ScrapeQuery {
    const query = this.expression();
    const next = this.peek();
    if (next.kind !== 'end') throw new QueryError(`unexpected "${next.text}" after the end of the query`, next.at);
    return query;
  }

  private expression(): ScrapeQuery {
    const head = this.peek();
    if (head.kind !== 'ident') throw new QueryError(head.kind === 'end' ? 'empty query: write a metric name' : `expected a metric name or function, found "${head.text}"`, head.at);
    const afterHead = this.tokens[this.index + 1];
    if (afterHead?.kind === 'punct' && afterHead.text === '(') return this.call();
    const { selector, windowMs, rangeAt } = this.rangedSelector();
    if (windowMs !== null) throw new QueryError(`a window needs a function around it, e.g. rate(${selector.name}[30s])`, rangeAt);
    return { kind: 'series', selector };
  }

  private call(): ScrapeQuery {
    const name = this.next();
    this.expect('(');
    switch (name.text) {
      case 'rate': {
        const { selector, windowMs } = this.rangedSelector();
        this.expect(')');
        return { kind: 'rate', selector, windowMs: windowMs ?? DEFAULT_SCRAPE_WINDOW_MS };
      }
      case 'ratio': {
        const numerator = this.rangedSelector();
        this.expect(',');
        const denominator = this.rangedSelector();
        this.expect(')');
        if (numerator.windowMs !== null && denominator.windowMs !== null && numerator.windowMs !== denominator.windowMs) {
          throw new QueryError('ratio() needs one window for both counters', denominator.rangeAt);
        }
        const windowMs = numerator.windowMs ?? denominator.windowMs ?? DEFAULT_SCRAPE_WINDOW_MS;
        return { kind: 'ratio', numerator: numerator.selector, denominator: denominator.selector, windowMs };
      }
      case 'quantile': {
        const q = this.peek();
        if (q.kind !== 'number') throw new QueryError('quantile() takes the quantile first, e.g. quantile(0.95, latency_bucket)', q.at);
        this.next();
        const quantile = Number(q.text);
        if (!(quantile >= 0 && quantile <= 1)) throw new QueryError(`quantile must be between 0 and 1, got ${q.text}`, q.at);
        this.expect(',');
        const { selector, windowMs } = this.rangedSelector();
        this.expect(')');
        if (selector.matchers.some((m) => m.label === 'le')) {
          throw new QueryError('quantile() reads every bucket: do not match on "le"', name.at);
        }
        return { kind: 'quantile', quantile, selector, windowMs: windowMs ?? DEFAULT_SCRAPE_WINDOW_MS };
      }
      default:
        throw new QueryError(`unknown function "${name.text}": use rate, ratio or quantile`, name.at);
    }
  }

  private rangedSelector(): { selector: Selector; windowMs: number | null; rangeAt: number } {
    const selector = this.selector();
    const range = this.peek();
    if (range.kind !== 'range') return { selector, windowMs: null, rangeAt: range.at };
    this.next();
    const windowMs = parseDuration(range.text);
    if (windowMs === null) throw new QueryError(`bad window "[${range.text}]": write e.g. [30s], [1m] or [500ms]`, range.at);
    return { selector, windowMs, rangeAt: range.at };
  }

  private selector(): Selector {
    const name = this.peek();
    if (name.kind !== 'ident') throw new QueryError(`expected a metric name, found ${describe(name)}`, name.at);
    this.next();
    const matchers: LabelMatcher[] = [];
    if (this.peekPunct('{')) {
      this.next();
      while (!this.peekPunct('}')) {
        matchers.push(this.matcher());
        if (this.peekPunct(',')) this.next();
        else if (!this.peekPunct('}')) throw new QueryError(`expected "," or "}" in the label matchers, found ${describe(this.peek())}`, this.peek().at);
      }
      this.next();
    }
    return { name: name.text, matchers };
  }

  private matcher(): LabelMatcher {
    const label = this.peek();
    if (label.kind !== 'ident') throw new QueryError(`expected a label name, found ${describe(label)}`, label.at);
    this.next();
    const op = this.peek();
    if (op.kind !== 'punct' || !['=', '!=', '=~', '!~'].includes(op.text)) {
      throw new QueryError(`expected =, !=, =~ or !~ after label "${label.text}"`, op.at);
    }
    this.next();
    const value = this.peek();
    if (value.kind !== 'string') throw new QueryError(`label values are quoted: ${label.text}${op.text}"…"`, value.at);
    this.next();
    if (op.text === '=~' || op.text === '!~') {
      try {
        new RegExp(`^(?:${value.text})$`);
      } catch {
        throw new QueryError(`invalid regular expression "${value.text}"`, value.at);
      }
    }
    return { label: label.text, op: op.text as MatchOp, value: value.text };
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private peekPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private expect(text: string): void {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) throw new QueryError(`expected "${text}", found ${describe(token)}`, token.at);
    this.next();
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the query';
  if (token.kind === 'range') return `"[${token.text}]"`;
  if (token.kind === 'string') return `the string "${token.text}"`;
  return `"${token.text}"`;
}

export function parseScrapeQuery(source: string): ParsedScrapeQuery {
  try {
    return { ok: true, query: new Parser(tokenize(source)).parse() };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error: { message: error.message, column: error.at + 1 } };
    throw error;
  }
}

/** Whether a series' labels satisfy a selector's matchers (the metric name is checked by the caller). */
export function matchesLabels(labels: Readonly<Record<string, string>>, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every(({ label, op, value }) => {
    const actual = labels[label] ?? '';
    switch (op) {
      case '=':
        return actual === value;
      case '!=':
        return actual !== value;
      case '=~':
        return new RegExp(`^(?:${value})$`).test(actual);
      case '!~':
        return !new RegExp(`^(?:${value})$`).test(actual);
    }
  });
}
