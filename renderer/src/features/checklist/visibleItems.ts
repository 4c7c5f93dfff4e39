// Which checklist rows to show for the current filters, in document order. An item that matches
// brings its ancestors along (dimmed) so a hit is never shown out of context.
import type { ChecklistItem, Runbook } from '../../../../shared/runbook/model';
import { itemState, type ChecklistState } from '../../../../shared/session/checklistState';
import { isMine } from '../../../../shared/warroom/seatPolicy';
import type { ChecklistFilters } from '../../store/checklistSlice';

export interface ChecklistRow {
  item: ChecklistItem;
  /** Shown only as context for a matching descendant. */
  contextOnly: boolean;
}

export function sectionSubtree(runbook: Pick<Runbook, 'sections'>, sectionId: string): Set<string> {
  const ids = new Set([sectionId]);
  for (const section of runbook.sections) if (section.parentId && ids.has(section.parentId)) ids.add(section.id);
  return ids;
}

/**
 * `mine`: a seat's roles. Its items' sections come first (the rest keep document order), and
 * `filters.mineOnly` keeps only its items.
 */
export function visibleRows(runbook: Runbook, state: ChecklistState, filters: ChecklistFilters, mine: readonly string[] = []): ChecklistRow[] {
  const query = filters.query.trim().toLowerCase();
  const sections = filters.sectionId ? sectionSubtree(runbook, filters.sectionId) : null;
  const byId = new Map(runbook.checklistItems.map((item) => [item.id, item]));
  const roleOf = (item: ChecklistItem): string | null => item.role ?? (item.parentId ? roleOf(byId.get(item.parentId)!) : null);

  const matches = (item: ChecklistItem) =>
    (!sections || sections.has(item.sectionId)) &&
    (!filters.role || roleOf(item) === filters.role) &&
    (!filters.mineOnly || isMine(roleOf(item), mine)) &&
    (!filters.openOnly || !itemState(state, item.id).checked) &&
    (!query || `${item.text} ${item.detail}`.toLowerCase().includes(query));

  const shown = new Map<string, boolean>();
  for (const item of runbook.checklistItems) {
    if (!matches(item)) continue;
    shown.set(item.id, false);
    for (let parent = item.parentId; parent && !shown.has(parent); parent = byId.get(parent)?.parentId ?? null) {
      shown.set(parent, true);
    }
  }
  const rows = runbook.checklistItems.filter((item) => shown.has(item.id)).map((item) => ({ item, contextOnly: shown.get(item.id)! }));
  if (mine.length === 0) return rows;
  const mySections = new Set(rows.filter((row) => isMine(roleOf(row.item), mine)).map((row) => row.item.sectionId));
  return [...rows.filter((row) => mySections.has(row.item.sectionId)), ...rows.filter((row) => !mySections.has(row.item.sectionId))];
}

/** Roles named by checklist items, for the role filter. */
export function rolesInChecklist(runbook: Runbook): string[] {
  return [...new Set(runbook.checklistItems.map((item) => item.role).filter((role): role is string => !!role))].sort();
}
