// What a block reader (prose, lists, code, tables) may see and do while the walker reads the
// document. The readers depend on this interface and the walker implements it, so the walker and
// the readers no longer import each other: the walker is handed its readers (`BlockReaders`) by
// importMarkdown instead of importing them.
import type { Code, List, Paragraph, RootContent, Table } from 'mdast';
import type { Draft, GateDraft, SectionDraft, StepDraft } from './draft';
import type { LabelKind } from './labels';

/** The label just read (`**Symptoms**:`), which tells the next block what it is. */
export interface Pending {
  kind: LabelKind;
  label: string;
  line: number;
  gate: GateDraft | null;
  /** A sentence ending in ':' ("Execute if ANY of these occur:"), not a label: it names no role. */
  sentence?: boolean;
}

export interface BlockContext {
  readonly d: Draft;
  /** The section content is being read into (null before the first heading). */
  current: SectionDraft | null;
  /** Set by a reader to hand a label on to the next block. */
  pending: Pending | null;
  /**
   * Set by a reader when a paragraph is nothing but a bold line ("**1.1 Verify Primary Region
   * Health**"): it names a fence right below it, as a sub-heading would.
   */
  boldTitle: string | null;
  /** The last step read, which a gate below it decides on. */
  lastStep: StepDraft | null;
  /** Reads a block nested in another one (a table or fence inside a list item). */
  block(node: RootContent, pending: Pending | null): void;
  /** The section content belongs to; content before the first heading gets a section of its own. */
  ensureSection(line: number): SectionDraft;
  addGate(title: string, ref: GateDraft['ref'], line: number, column: number, section: SectionDraft | null): GateDraft;
}

/** One reader per block type the walker hands on. */
export interface BlockReaders {
  paragraph(w: BlockContext, node: Paragraph): void;
  list(w: BlockContext, node: List, pending: Pending | null): void;
  code(w: BlockContext, node: Code, titleHint: string | null, pending: Pending | null): void;
  table(w: BlockContext, node: Table): void;
}
