// What a re-import changes, node by node (ids are stable, so a node that keeps its id and changes
// content is "changed", not removed and added). Source positions are not content: moving a
// paragraph down by inserting lines above it changes nothing a session cares about. Reference
// blocks (prose, tables, plain fences) are keyed by their text, so an edited paragraph shows as the
// old text removed and the new text added, and never re-keys the paragraphs around it.
import type { Runbook } from './model';

export type RunbookNodeKind =
  | 'section'
  | 'checklistItem'
  | 'step'
  | 'milestone'
  | 'gate'
  | 'threshold'
  | 'decisionLevel'
  | 'role'
  | 'reference';

export interface NodeRef {
  id: string;
  kind: RunbookNodeKind;
  title: string;
  /** Line in the runbook the node comes from (the new one for added and changed, the old one for removed). */
  line: number;
}

export interface ChangedNode extends NodeRef {
  /** Fields whose value differs (`script`, `window`, `value` …). */
  fields: string[];
}

export interface DocumentChange {
  field: 'title' | 't0' | 'environment' | 'prometheusUrl' | 'secrets' | 'hosts' | 'metrics';
  before: unknown;
  after: unknown;
}

export interface RunbookDiff {
  added: NodeRef[];
  removed: NodeRef[];
  changed: ChangedNode[];
  document: DocumentChange[];
  /** True when nothing differs. */
  same: boolean;
}

const POSITION_FIELDS = new Set(['line', 'column', 'endLine', 'headingEndLine']);

interface Entry {
  kind: RunbookNodeKind;
  title: string;
  line: number;
  node: Record<string, unknown>;
}

function entries(rb: Runbook): Map<string, Entry> {
  const map = new Map<string, Entry>();
  const add = (kind: RunbookNodeKind, node: { id: string; line: number }, title: string): void => {
    map.set(node.id, { kind, title, line: node.line, node: node as unknown as Record<string, unknown> });
  };
  for (const n of rb.sections) add('section', n, n.title);
  for (const n of rb.checklistItems) add('checklistItem', n, n.text);
  for (const n of rb.steps) add('step', n, n.title);
  for (const n of rb.milestones) add('milestone', n, n.text);
  for (const n of rb.gates) add('gate', n, n.title);
  for (const n of rb.thresholds) add('threshold', n, n.text);
  for (const n of rb.decisionLevels) add('decisionLevel', n, `Level ${n.level}: ${n.title}`);
  for (const n of rb.roles) add('role', n, n.name);
  for (const n of rb.references) add('reference', n, n.text.split('\n')[0]!.slice(0, 80));
  return map;
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !POSITION_FIELDS.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

export function diffRunbooks(before: Runbook, after: Runbook): RunbookDiff {
  const old = entries(before);
  const now = entries(after);
  const added: NodeRef[] = [];
  const removed: NodeRef[] = [];
  const changed: ChangedNode[] = [];
  for (const [id, e] of now) {
    const was = old.get(id);
    if (!was) added.push({ id, kind: e.kind, title: e.title, line: e.line });
    else {
      const fields = changedFields(was.node, e.node);
      if (fields.length > 0) changed.push({ id, kind: e.kind, title: e.title, line: e.line, fields });
    }
  }
  for (const [id, e] of old) if (!now.has(id)) removed.push({ id, kind: e.kind, title: e.title, line: e.line });
  const byLine = (a: NodeRef, b: NodeRef): number => a.line - b.line;
  added.sort(byLine);
  removed.sort(byLine);
  changed.sort(byLine);
  const document: DocumentChange[] = [];
  for (const field of ['title', 't0', 'environment', 'prometheusUrl', 'secrets', 'hosts', 'metrics'] as const) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) document.push({ field, before: before[field], after: after[field] });
  }
  return { added, removed, changed, document, same: added.length + removed.length + changed.length + document.length === 0 };
}
