// Walks the top-level blocks in document order: headings open sections, every other block is
// handed to the reader that knows it (prose, lists, code, tables), from the table of readers the
// walker is given — it imports none of them, so the dependency runs one way (blockContext.ts).
// The one piece of state carried from block to block is the label just read (`**Symptoms**:`),
// which tells the next list what it is.
import type { Heading, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Section } from '../model';
import type { BlockContext, BlockReaders, Pending } from './blockContext';
import { Draft, enclosingTime, type GateDraft, type SectionDraft, type StepDraft } from './draft';
import { analyseHeading, DECISION_TREE_CONTEXT, DOCUMENT_GENRE } from './headings';
import { rawOf, spanOf } from './source';


/** Every T±N written in a heading ("T+15 / T+30 / T+60: GATE CHECKS"), in order. */
function allOffsets(title: string): Array<{ ms: number; text: string }> {
  const out: Array<{ ms: number; text: string }> = [];
  for (const m of title.matchAll(/(?<![A-Za-z0-9])T\s*([+\-−–])\s*(\d+)(?::(\d{2}))?\s*(m|min|mins|minutes|h|hrs?|hours?)?(?![A-Za-z\d])/gi)) {
    const n = Number(m[2]);
    const unit = (m[4] ?? 'm').toLowerCase();
    const ms = m[3] !== undefined ? (n * 60 + Number(m[3])) * 60_000 : n * (unit.startsWith('h') ? 3_600_000 : 60_000);
    out.push({ ms: m[1] === '+' || ms === 0 ? ms : -ms, text: m[0].replace(/\s+/g, '') });
  }
  return out;
}

export class Walker implements BlockContext {
  current: SectionDraft | null = null;
  pending: Pending | null = null;
  boldTitle: string | null = null;
  lastStep: StepDraft | null = null;
  private stack: SectionDraft[] = [];
  private preamble: SectionDraft | null = null;

  constructor(
    readonly d: Draft,
    private readonly readers: BlockReaders,
  ) {}

  walk(blocks: RootContent[]): void {
    this.walkBlocks(blocks);
    this.finish();
  }

  /** Reads blocks that follow those read before (the document arrives chunk by chunk). */
  walkBlocks(blocks: RootContent[]): void {
    for (const node of blocks) {
      const pending = this.pending;
      const boldTitle = this.boldTitle;
      this.pending = null;
      this.boldTitle = null;
      try {
        if (node.type === 'heading') this.openSection(node);
        else if (node.type === 'code' && boldTitle) this.readers.code(this, node, boldTitle, pending);
        else this.block(node, pending);
      } catch (error) {
        // A bug in one reader must not cost the rest of the runbook: keep the block as text.
        const span = spanOf(node);
        const message = error instanceof Error ? error.message : String(error);
        this.d.diags.error('internal-error', span.line, span.column, `the importer failed on this block (${message}); it is kept as reference text`);
        this.d.addReference(this.current?.section.id ?? null, 'text', rawOf(this.d.src, node), span.line, span.column, span.endLine);
      }
    }
  }

  /** Closes the sections still open at the end of the document. */
  finish(): void {
    for (const s of this.stack) s.section.endLine = Math.max(s.section.line, this.d.src.lineCount);
  }

  block(node: RootContent, pending: Pending | null): void {
    const sectionId = this.current?.section.id ?? null;
    const span = spanOf(node);
    switch (node.type) {
      case 'paragraph':
        this.readers.paragraph(this, node);
        return;
      case 'list':
        this.readers.list(this, node, pending);
        return;
      case 'code':
        this.readers.code(this, node, null, pending);
        return;
      case 'table':
        this.d.addReference(sectionId, 'table', rawOf(this.d.src, node), span.line, span.column, span.endLine);
        this.roles(node);
        this.readers.table(this, node);
        return;
      case 'thematicBreak':
        this.d.addReference(sectionId, 'hr', rawOf(this.d.src, node), span.line, span.column, span.endLine);
        return;
      case 'html':
        this.d.addReference(sectionId, 'html', rawOf(this.d.src, node), span.line, span.column, span.endLine);
        return;
      case 'heading':
        // Only reachable for headings nested in containers (list items, block quotes): keep as text.
        this.d.addReference(sectionId, 'text', rawOf(this.d.src, node), span.line, span.column, span.endLine);
        return;
      default:
        this.d.addReference(sectionId, 'text', rawOf(this.d.src, node), span.line, span.column, span.endLine);
    }
  }

  /** The section content belongs to; content before the first heading gets a section of its own. */
  ensureSection(line: number): SectionDraft {
    if (this.current) return this.current;
    const info = analyseHeading('Preamble');
    const section: Section = {
      id: this.d.ids.make('sec', '', '\u0000preamble'),
      title: 'Preamble',
      depth: 1,
      parentId: null,
      kind: 'reference',
      line,
      column: 1,
      endLine: line,
      startOffsetMs: null,
      endOffsetMs: null,
    };
    const draft: SectionDraft = { section, info, parent: null, level: null, stepCount: 0, directItems: 0, hasGate: false, synthetic: true };
    this.d.sections.push(draft);
    this.stack.push(draft);
    this.current = draft;
    this.preamble = draft;
    return draft;
  }

  private openSection(node: Heading): void {
    const span = spanOf(node);
    // The preamble holds what came before the first heading; it is nobody's parent.
    if (this.preamble && this.stack.at(-1) === this.preamble) this.stack.pop()!.section.endLine = Math.max(span.line - 1, 1);
    while (this.stack.length > 0 && this.stack.at(-1)!.section.depth >= node.depth) {
      this.stack.pop()!.section.endLine = Math.max(span.line - 1, 1);
    }
    const parent = this.stack.at(-1) ?? null;
    const info = analyseHeading(toString(node).replace(/\s+/g, ' '));
    // "# Go/No-Go Checklist - Unified Reporting System" names the document's genre, not a decision in it.
    if (info.gate && node.depth === 1 && !info.relative && !info.clock && DOCUMENT_GENRE.test(info.title) && !this.d.sections.some((s) => !s.synthetic)) {
      info.gate = false;
    }
    const section: Section = {
      id: this.d.ids.make('sec', parent?.section.id ?? '', info.title),
      title: info.title,
      depth: node.depth,
      parentId: parent?.section.id ?? null,
      kind: 'reference',
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      startOffsetMs: null,
      endOffsetMs: null,
    };
    if (span.endLine > span.line) section.headingEndLine = span.endLine;
    const draft: SectionDraft = { section, info, parent, level: null, stepCount: 0, directItems: 0, hasGate: false, synthetic: false };
    if (info.level && this.isDecisionTree(draft)) {
      draft.level = {
        id: this.d.ids.make('lv', section.id, String(info.level.level)),
        sectionId: section.id,
        level: info.level.level,
        title: info.level.title,
        verdict: info.level.verdict,
        conditions: [],
        actions: [],
        stepIds: [],
        line: span.line,
        column: span.column,
      };
    }
    this.d.sections.push(draft);
    this.stack.push(draft);
    this.current = draft;
    this.headingTimes(draft, span.line);
  }

  private isDecisionTree(draft: SectionDraft): boolean {
    const verdict = `${draft.info.level?.verdict ?? ''} ${draft.info.level?.title ?? ''}`;
    if (/roll\s*back/i.test(verdict)) return true;
    for (let s = draft.parent; s; s = s.parent) if (DECISION_TREE_CONTEXT.test(s.section.title)) return true;
    return false;
  }

  private headingTimes(draft: SectionDraft, line: number): void {
    const { info, section } = draft;
    const column = section.column;
    if (info.clock) {
      this.d.noteClock(info.clock.start, line, column);
      this.d.noteClock(info.clock.end, line, column);
      if (info.relative && info.clock.start.kind === 'clock') {
        this.d.t0Hints.push({ clock: info.clock.start, offsetMs: info.relative.startMs, line, column, source: 'anchor' });
      }
    }
    if (info.badClock) {
      this.d.diags.warn('unparseable-time', line, column + info.badClock.index, `heading "${info.title}" has a time that is not a valid clock time`);
    }
    if (info.gate) {
      // "T+15 / T+30 / T+60: GATE CHECKS" is one gate per time.
      const times = allOffsets(info.title);
      if (times.length > 1) {
        for (const t of times) this.addGate(`${info.displayTitle.replace(/^[\s/,&:+T\d-]+/, '').trim() || info.displayTitle} (${t.text})`, { kind: 'offset', ms: t.ms }, line, column, draft);
        return;
      }
      const own = info.relative ? { kind: 'offset' as const, ms: info.relative.startMs } : (info.clock?.start ?? null);
      const ref = own ?? enclosingTime(draft.parent);
      const gate = this.addGate(info.displayTitle, ref, line, column, draft);
      // The GO / NO-GO list right under the heading belongs to this gate.
      this.pending = { kind: 'gate', label: info.displayTitle, line, gate };
      if (!ref) this.d.diags.warn('gate-without-time', line, column, `go/no-go "${info.title}" has no time; add one, e.g. "(12:35 PM)" or "(T+35)"`);
    }
  }

  addGate(title: string, ref: GateDraft['ref'], line: number, column: number, section: SectionDraft | null): GateDraft {
    const sectionId = section?.section.id ?? null;
    // The step this gate decides on: the last one above it, under the same heading or a sibling one.
    const last = this.lastStep;
    const related = last && section && (last.section === section || last.section === section.parent || last.section.parent === section.parent);
    const step = related ? last : null;
    const gate: GateDraft = {
      gate: {
        id: this.d.ids.make('gt', sectionId ?? '', title),
        sectionId,
        title: step && step.section === section ? `${title} — ${step.step.title}` : title,
        offsetMs: null,
        thresholdIds: [],
        criteria: [],
        goText: null,
        noGoText: null,
        approvers: [],
        line,
        column,
      },
      section,
      ref,
      step,
    };
    if (section) section.hasGate = true;
    this.d.gates.push(gate);
    return gate;
  }

  private roles(node: Table): void {
    const [header, ...rows] = node.children;
    if (!header) return;
    const names = header.children.map((cell) => toString(cell).trim());
    const roleColumn = names.findIndex((n) => /^(roles?|position|function)$/i.test(n));
    if (roleColumn < 0) return;
    const responsibilityColumn = names.findIndex((n) => /responsib|duties|owns|scope|focus/i.test(n));
    for (const row of rows) {
      const cells = row.children.map((cell) => toString(cell).trim());
      const name = cells[roleColumn] ?? '';
      if (!name) continue;
      const fields: Record<string, string> = {};
      names.forEach((header, i) => {
        if (i !== roleColumn && i !== responsibilityColumn && header) fields[header] = cells[i] ?? '';
      });
      const span = spanOf(row);
      this.d.roles.push({
        id: this.d.ids.make('ro', '', name),
        name,
        responsibility: responsibilityColumn >= 0 ? cells[responsibilityColumn] || null : null,
        fields,
        line: span.line,
        column: span.column,
      });
    }
  }
}
