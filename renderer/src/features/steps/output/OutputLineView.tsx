// One output line: its colour spans cut at search-match boundaries. Text goes in as React text
// (escaped by React), colours as class names or an rgb() style — never HTML built from output.
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { OutputLine, OutputSpan } from './outputLines';

export interface LineHighlight {
  start: number;
  end: number;
  current: boolean;
}

const PLAIN: OutputSpan = { text: '', className: null, fg: null, bg: null };

function styleOf(span: OutputSpan): CSSProperties | undefined {
  if (!span.fg && !span.bg) return undefined;
  return { color: span.fg ? `rgb(${span.fg})` : undefined, backgroundColor: span.bg ? `rgb(${span.bg})` : undefined };
}

/** Marks `[REDACTED:NAME]` so a redaction reads as the console's, not the script's. */
const REDACTED = /\[REDACTED:[A-Za-z_][A-Za-z0-9_]*\]/g;

function withRedactions(text: string, keyPrefix: string): ReactNode {
  if (!text.includes('[REDACTED:')) return text;
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(REDACTED)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <span key={`${keyPrefix}r${match.index}`} className="out-redacted">
        {match[0]}
      </span>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * `text` is passed on its own because an open line grows in place (same object, longer text):
 * comparing it keeps memo from showing a stale line.
 */
export const OutputLineView = memo(function OutputLineView({ line, highlights }: { line: OutputLine; text: string; highlights: LineHighlight[] | null }) {
  const spans = line.spans ?? [{ ...PLAIN, text: line.text }];
  if (!highlights && !line.spans) return <>{withRedactions(line.text, '')}</>;
  const out: ReactNode[] = [];
  let offset = 0;
  spans.forEach((span, si) => {
    const end = offset + span.text.length;
    // Cut this span where a highlight starts or ends inside it.
    const cuts = new Set<number>([offset, end]);
    for (const h of highlights ?? []) {
      if (h.start > offset && h.start < end) cuts.add(h.start);
      if (h.end > offset && h.end < end) cuts.add(h.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i++) {
      const from = points[i]!;
      const to = points[i + 1]!;
      const text = span.text.slice(from - offset, to - offset);
      const hit = highlights?.find((h) => h.start <= from && h.end >= to);
      const key = `${si}-${from}`;
      const content = withRedactions(text, key);
      const styled =
        span.className || span.fg || span.bg ? (
          <span key={key} className={span.className ?? undefined} style={styleOf(span)}>
            {content}
          </span>
        ) : (
          <span key={key}>{content}</span>
        );
      out.push(
        hit ? (
          <mark key={`m${key}`} className={hit.current ? 'out-match is-current' : 'out-match'}>
            {styled}
          </mark>
        ) : (
          styled
        ),
      );
    }
    offset = end;
  });
  return <>{out}</>;
});
