// Markdown the console shows as text (a section's prose, tables, callouts): parsed with the same
// remark + GFM as the importer and turned into a small tree of known node kinds, which the
// renderer turns into React elements one kind at a time. Nothing in the tree is HTML: raw HTML
// becomes a text node (shown as written, never parsed), a link keeps its address only when it is
// http(s) or mailto, and an image is named, not loaded. So a hostile runbook — script tags,
// javascript: links, on* attributes — reaches the page as characters, whatever the renderer does.
// Every block keeps its source lines, so structured elements can point into the text.
import type { BlockContent, DefinitionContent, PhrasingContent, RootContent, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export type MdInline =
  | { t: 'text'; value: string }
  | { t: 'strong' | 'emphasis' | 'delete'; children: MdInline[] }
  | { t: 'code'; value: string }
  /** `href` is null when the address was not http(s) or mailto; the words stay. */
  | { t: 'link'; href: string | null; children: MdInline[] }
  | { t: 'break' };

export type CalloutKind = 'note' | 'tip' | 'important' | 'warning' | 'caution';

interface Lines {
  line: number;
  endLine: number;
}

export type MdBlock = Lines &
  (
    | { t: 'paragraph'; children: MdInline[] }
    | { t: 'heading'; depth: number; children: MdInline[] }
    | { t: 'list'; ordered: boolean; start: number | null; items: Array<Lines & { checked: boolean | null; children: MdBlock[] }> }
    | { t: 'quote'; callout: CalloutKind | null; children: MdBlock[] }
    | { t: 'table'; align: Array<'left' | 'right' | 'center' | null>; header: MdInline[][]; rows: Array<Lines & { cells: MdInline[][] }> }
    | { t: 'code'; lang: string | null; value: string }
    | { t: 'rule' }
    /** Raw HTML and anything else: shown as the text it is. */
    | { t: 'raw'; value: string }
  );

const parser = unified().use(remarkParse).use(remarkGfm);

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
/** Lists and quotes deeper than this are shown flat: the importer refuses such files anyway. */
const MAX_DEPTH = 24;

function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return SAFE_HREF.test(trimmed) ? trimmed : null;
}

function inlines(nodes: PhrasingContent[] | TableCell['children']): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push({ t: 'text', value: node.value });
        break;
      case 'strong':
      case 'emphasis':
      case 'delete':
        out.push({ t: node.type, children: inlines(node.children) });
        break;
      case 'inlineCode':
        out.push({ t: 'code', value: node.value });
        break;
      case 'link':
        out.push({ t: 'link', href: safeHref(node.url), children: inlines(node.children) });
        break;
      case 'break':
        out.push({ t: 'break' });
        break;
      case 'image':
        out.push({ t: 'text', value: `[image: ${node.alt || node.url}]` });
        break;
      case 'html':
        out.push({ t: 'text', value: node.value });
        break;
      case 'linkReference':
      case 'footnoteReference':
      case 'imageReference':
      default:
        // Anything else is shown as the characters it was written with.
        out.push({ t: 'text', value: 'children' in node ? plainText(node.children as PhrasingContent[]) : 'value' in node ? String(node.value) : '' });
    }
  }
  return out;
}

function plainText(nodes: PhrasingContent[]): string {
  return nodes.map((n) => ('value' in n ? n.value : 'children' in n ? plainText(n.children as PhrasingContent[]) : '')).join('');
}

const CALLOUT = /^\s*\[!(note|tip|important|warning|caution)\]\s*/i;

/** GitHub's `> [!WARNING]` marks a callout; the marker itself is not shown. */
function calloutOf(children: MdBlock[]): CalloutKind | null {
  const first = children[0];
  if (first?.t !== 'paragraph') return null;
  const lead = first.children[0];
  if (lead?.t !== 'text') return null;
  const m = CALLOUT.exec(lead.value);
  if (!m) return null;
  lead.value = lead.value.slice(m[0].length);
  if (lead.value === '') first.children.shift();
  if (first.children[0]?.t === 'break') first.children.shift();
  return m[1]!.toLowerCase() as CalloutKind;
}

function linesOf(node: RootContent, shift: number): Lines {
  const p = node.position;
  return { line: (p?.start.line ?? 1) + shift, endLine: (p?.end.line ?? 1) + shift };
}

function blocks(nodes: Array<RootContent | BlockContent | DefinitionContent>, shift: number, source: string, depth: number): MdBlock[] {
  const out: MdBlock[] = [];
  for (const node of nodes) {
    const at = linesOf(node, shift);
    switch (node.type) {
      case 'paragraph':
        out.push({ ...at, t: 'paragraph', children: inlines(node.children) });
        break;
      case 'heading':
        out.push({ ...at, t: 'heading', depth: node.depth, children: inlines(node.children) });
        break;
      case 'list':
        out.push({
          ...at,
          t: 'list',
          ordered: node.ordered === true,
          start: node.ordered ? (node.start ?? 1) : null,
          items: node.children.map((item) => ({
            ...linesOf(item, shift),
            checked: item.checked ?? null,
            children: depth < MAX_DEPTH ? blocks(item.children, shift, source, depth + 1) : [{ ...linesOf(item, shift), t: 'raw', value: rawText(item, source) }],
          })),
        });
        break;
      case 'blockquote': {
        const children = depth < MAX_DEPTH ? blocks(node.children, shift, source, depth + 1) : [{ ...at, t: 'raw' as const, value: rawText(node, source) }];
        out.push({ ...at, t: 'quote', callout: calloutOf(children), children });
        break;
      }
      case 'table': {
        const [header, ...rows] = node.children;
        out.push({
          ...at,
          t: 'table',
          align: (node.align ?? []).map((a) => a ?? null),
          header: header ? header.children.map((cell) => inlines(cell.children)) : [],
          rows: rows.map((row) => ({ ...linesOf(row, shift), cells: row.children.map((cell) => inlines(cell.children)) })),
        });
        break;
      }
      case 'code':
        out.push({ ...at, t: 'code', lang: node.lang ?? null, value: node.value });
        break;
      case 'thematicBreak':
        out.push({ ...at, t: 'rule' });
        break;
      case 'definition':
        // A link reference definition is not shown by markdown either; its line stays reachable.
        break;
      default:
        out.push({ ...at, t: 'raw', value: rawText(node, source) });
    }
  }
  return out;
}

function rawText(node: RootContent, source: string): string {
  const p = node.position;
  if (p?.start.offset === undefined || p.end.offset === undefined) return 'value' in node ? String(node.value) : '';
  return source.slice(p.start.offset, p.end.offset);
}

/**
 * The markdown `text`, which starts on source line `firstLine`, as a tree of known node kinds.
 * Never throws: text the parser cannot take is shown as written.
 */
export function markdownView(text: string, firstLine = 1): MdBlock[] {
  const source = String(text).replace(/\r\n?/g, '\n');
  const shift = firstLine - 1;
  try {
    return blocks(parser.parse(source).children, shift, source, 0);
  } catch {
    const lines = source.split('\n').length;
    return [{ t: 'raw', value: source, line: firstLine, endLine: firstLine + lines - 1 }];
  }
}
