// The tree the Runbook tab renders a runbook's own text from: only known node kinds, no HTML.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markdownView, type MdBlock, type MdInline } from '../../../shared/runbook/markdownView';

function allInlines(blocks: MdBlock[]): MdInline[] {
  const out: MdInline[] = [];
  const walkInline = (nodes: MdInline[]) => {
    for (const n of nodes) {
      out.push(n);
      if ('children' in n) walkInline(n.children);
    }
  };
  for (const b of blocks) {
    if (b.t === 'paragraph' || b.t === 'heading') walkInline(b.children);
    if (b.t === 'list') for (const item of b.items) out.push(...allInlines(item.children));
    if (b.t === 'quote') out.push(...allInlines(b.children));
    if (b.t === 'table') for (const cell of [...b.header, ...b.rows.flatMap((r) => r.cells)]) walkInline(cell);
  }
  return out;
}

const KINDS = new Set(['paragraph', 'heading', 'list', 'quote', 'table', 'code', 'rule', 'raw']);

describe('markdownView (the Runbook tab text)', () => {
  it('keeps raw HTML as text and drops every address that is not http(s) or mailto', () => {
    const blocks = markdownView(
      [
        'Before <script>alert(1)</script> after',
        '',
        '<div onclick="alert(2)">raw block</div>',
        '',
        '[bad](javascript:alert(3)) [data](data:text/html,hi) [good](https://example.com) [mail](mailto:ic@example.com) ![img](https://tracker.example/p.gif)',
      ].join('\n'),
      10,
    );
    const texts = allInlines(blocks).filter((n) => n.t === 'text').map((n) => (n as { value: string }).value).join('');
    expect(texts).toContain('<script>alert(1)</script>');
    expect(blocks[1]).toMatchObject({ t: 'raw', value: '<div onclick="alert(2)">raw block</div>', line: 12 });
    const links = allInlines(blocks).filter((n) => n.t === 'link');
    expect(links.map((l) => (l as { href: string | null }).href)).toEqual([null, null, 'https://example.com', 'mailto:ic@example.com']);
    // An image is named, never loaded.
    expect(texts).toContain('[image: img]');
  });

  it('reads GitHub callouts and tables, with source lines shifted to where the text sits', () => {
    const blocks = markdownView('> [!WARNING]\n> Roll back if errors climb.\n\n| Metric | Action |\n|---|---|\n| Error rate | Rollback |', 40);
    expect(blocks[0]).toMatchObject({ t: 'quote', callout: 'warning', line: 40, endLine: 41 });
    expect(allInlines([blocks[0]!]).map((n) => ('value' in n ? n.value : '')).join('')).toBe('Roll back if errors climb.');
    expect(blocks[1]).toMatchObject({ t: 'table', line: 43, rows: [{ line: 45 }] });
  });

  it('never throws and never yields a node kind outside the list, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const blocks = markdownView(text, 1);
        const kinds = (bs: MdBlock[]): boolean =>
          bs.every((b) => KINDS.has(b.t) && (b.t !== 'list' || b.items.every((i) => kinds(i.children))) && (b.t !== 'quote' || kinds(b.children)));
        return kinds(blocks) && allInlines(blocks).every((n) => n.t !== 'link' || n.href === null || /^(https?:\/\/|mailto:)/i.test(n.href));
      }),
      { numRuns: 300 },
    );
  });
});
