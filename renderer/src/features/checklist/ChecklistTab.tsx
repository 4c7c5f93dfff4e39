// Checklist work: filters and search above, sections on the left, items with real checkboxes.
// Keyboard: j/k move, space toggles, n adds a note, h shows history, / searches.
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChecklistItem, Runbook } from '../../../../shared/runbook/model';
import { indexChecklist, itemProgress, progressBySection } from '../../../../shared/session/checklistProgress';
import { itemState } from '../../../../shared/session/checklistState';
import { useAppStore } from '../../store/appStore';
import { useFixedRows } from '../steps/output/useFixedRows';
import { ChecklistItemRow } from './ChecklistItemRow';
import { CHECKLIST_ROW_PX, CHECKLIST_WINDOW_FROM, checklistLines, renderedLineIndices } from './checklistLines';
import { ItemHistoryDialog, ItemTextDialog, type ItemDialogKind } from './ItemDialogs';
import { SectionNav } from './SectionNav';
import { rolesInChecklist, visibleRows } from './visibleItems';
import './checklist.css';

export interface ChecklistTabProps {
  runbook: Runbook;
  readOnly: boolean;
  /** Compact view of one section (the run view's current phase): no navigator, toolbar or shortcuts. */
  onlySectionId?: string;
}

export function ChecklistTab({ runbook, readOnly, onlySectionId }: ChecklistTabProps) {
  const checklist = useAppStore((s) => s.current!.state.checklist);
  const conflicts = useAppStore((s) => s.current!.state.warRoom.conflicts);
  const resolveConflict = useAppStore((s) => s.resolveConflict);
  const onResolve = useCallback((item: ChecklistItem) => void resolveConflict(item.id), [resolveConflict]);
  const globalFilters = useAppStore((s) => s.checklistFilters);
  const filters = useMemo(
    () => (onlySectionId === undefined ? globalFilters : { query: '', openOnly: false, role: '', sectionId: onlySectionId, mineOnly: false }),
    [globalFilters, onlySectionId],
  );
  const setFilters = useAppStore((s) => s.setChecklistFilters);
  const focusedItemId = useAppStore((s) => s.focusedItemId);
  const focusItem = useAppStore((s) => s.focusItem);
  const pending = useAppStore((s) => s.pendingItems);
  const checkItem = useAppStore((s) => s.checkItem);
  const uncheckItem = useAppStore((s) => s.uncheckItem);
  const addNote = useAppStore((s) => s.addNote);
  const [dialog, setDialog] = useState<{ item: ChecklistItem; kind: ItemDialogKind } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** An item to give keyboard focus once it is rendered (a windowed list may not have it yet). */
  const focusWhenRendered = useRef<string | null>(null);

  const index = useMemo(() => indexChecklist(runbook), [runbook]);
  const seatRoles = useAppStore((s) => s.workspace?.seat?.roles);
  const mine = useMemo(() => seatRoles ?? [], [seatRoles]);
  const rows = useMemo(() => visibleRows(runbook, checklist, filters, mine), [runbook, checklist, filters, mine]);
  const roles = useMemo(() => rolesInChecklist(runbook), [runbook]);
  const sectionTitles = useMemo(() => new Map(runbook.sections.map((s) => [s.id, s.title])), [runbook]);
  const lines = useMemo(() => checklistLines(rows, sectionTitles), [rows, sectionTitles]);
  const windowed = lines.length > CHECKLIST_WINDOW_FROM;
  const fixed = useFixedRows(scrollRef, windowed ? lines.length : 0, CHECKLIST_ROW_PX, 12, false);
  const focusedLine = useMemo(() => lines.findIndex((line) => line.kind === 'item' && line.row.item.id === focusedItemId), [lines, focusedItemId]);
  const rendered = renderedLineIndices(lines.length, windowed, fixed.start, fixed.end, focusedLine);
  // New filters or a new search show their first match at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    fixed.onScroll(0);
  }, [filters]); // eslint-disable-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const itemId = focusWhenRendered.current;
    if (!itemId) return;
    const box = listRef.current?.querySelector<HTMLInputElement>(`[data-item-id="${CSS.escape(itemId)}"] input[type=checkbox]`);
    if (!box) return;
    focusWhenRendered.current = null;
    box.focus();
  });
  const total = useMemo(() => {
    const roots = index.subsections.get(null) ?? [];
    const bySection = progressBySection(index, checklist);
    return roots.reduce((sum, s) => {
      const p = bySection.get(s.id) ?? { done: 0, total: 0 };
      return { done: sum.done + p.done, total: sum.total + p.total };
    }, { done: 0, total: 0 });
  }, [index, checklist]);

  const onToggle = useCallback(
    (item: ChecklistItem) => {
      if (readOnly) return;
      if (itemState(checklist, item.id).checked) setDialog({ item, kind: 'uncheck' });
      else if (item.signOff) setDialog({ item, kind: 'approve' });
      else void checkItem(item.id);
    },
    [readOnly, checklist, checkItem],
  );
  const selectSection = useCallback((sectionId: string) => setFilters({ sectionId }), [setFilters]);
  const onOpen = useCallback((item: ChecklistItem, kind: ItemDialogKind) => setDialog({ item, kind }), []);

  function focusRow(itemId: string) {
    focusItem(itemId);
    const box = listRef.current?.querySelector<HTMLInputElement>(`[data-item-id="${CSS.escape(itemId)}"] input[type=checkbox]`);
    if (box) box.focus();
    else focusWhenRendered.current = itemId;
  }

  // Shortcuts work from anywhere on the page, except while typing in a field or a dialog is open.
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const typing = target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox');
    if (onlySectionId !== undefined || typing || event.altKey || event.ctrlKey || event.metaKey || dialog) return;
    const position = rows.findIndex((row) => row.item.id === focusedItemId);
    const focused = position >= 0 ? rows[position]!.item : null;
    if (event.key === 'j' || event.key === 'k') {
      const next = rows[Math.min(rows.length - 1, Math.max(0, position + (event.key === 'j' ? 1 : -1)))];
      if (next) focusRow(next.item.id);
    } else if (event.key === '/') {
      searchRef.current?.focus();
    } else if (event.key === 'n' && focused && !readOnly) {
      setDialog({ item: focused, kind: 'note' });
    } else if (event.key === 'h' && focused) {
      setDialog({ item: focused, kind: 'history' });
    } else if (event.key === ' ' && focused && target.tagName !== 'INPUT') {
      onToggle(focused);
    } else {
      return;
    }
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  async function submitDialog(text: string) {
    if (!dialog) return;
    const { item, kind } = dialog;
    setDialog(null);
    if (kind === 'approve') await checkItem(item.id, { approver: text });
    if (kind === 'uncheck') await uncheckItem(item.id, text || null);
    if (kind === 'note') await addNote(item.id, text);
    focusRow(item.id);
  }

  return (
    <div className={onlySectionId === undefined ? 'checklist-tab' : 'checklist-compact'}>
      {onlySectionId === undefined && (
        <SectionNav runbook={runbook} index={index} state={checklist} selected={filters.sectionId} onSelect={selectSection} />
      )}
      <div className="checklist-main">
        <div className="checklist-toolbar" role="search" hidden={onlySectionId !== undefined}>
          <label className="search">
            <span className="visually-hidden">Search items</span>
            <input
              ref={searchRef}
              type="search"
              placeholder="Search items ( / )"
              value={filters.query}
              onChange={(e) => setFilters({ query: e.target.value })}
              onKeyDown={(e) => e.key === 'Escape' && (e.currentTarget.blur(), setFilters({ query: '' }))}
            />
          </label>
          <label className="inline">
            <input type="checkbox" checked={filters.openOnly} onChange={(e) => setFilters({ openOnly: e.target.checked })} />
            Open items only
          </label>
          {mine.length > 0 && (
            <label className="inline">
              <input type="checkbox" checked={filters.mineOnly} onChange={(e) => setFilters({ mineOnly: e.target.checked })} />
              Mine only ({mine.join(', ')})
            </label>
          )}
          {roles.length > 0 && (
            <label className="inline">
              Role
              <select value={filters.role} onChange={(e) => setFilters({ role: e.target.value })}>
                <option value="">All roles</option>
                {roles.map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
            </label>
          )}
          <span className="checklist-total mono" aria-label={`${total.done} of ${total.total} items done`}>
            {total.done}/{total.total} done
          </span>
        </div>
        {rows.length === 0 && <p className="empty">No items match.</p>}
        <div
          ref={scrollRef}
          className={windowed ? 'checklist-scroll' : undefined}
          onScroll={windowed ? (event) => fixed.onScroll(event.currentTarget.scrollTop) : undefined}
        >
          <ul
            className={windowed ? 'checklist is-windowed' : 'checklist'}
            style={windowed ? { height: fixed.totalPx } : undefined}
            ref={listRef}
            aria-label={onlySectionId === undefined ? 'Checklist' : 'Phase checklist'}
          >
            {rendered.map((lineIndex) => {
              const line = lines[lineIndex]!;
              const topPx = windowed ? lineIndex * CHECKLIST_ROW_PX : undefined;
              if (line.kind === 'heading') {
                return (
                  <li key={line.key} className="checklist-section" aria-hidden="true" style={topPx === undefined ? undefined : { top: topPx }}>
                    {line.title}
                  </li>
                );
              }
              const { item, contextOnly } = line.row;
              const hasChildren = (index.childrenOf.get(item.id)?.length ?? 0) > 0;
              return (
                <ChecklistItemRow
                  key={line.key}
                  item={item}
                  state={itemState(checklist, item.id)}
                  childProgress={hasChildren ? itemProgress(index, checklist, item) : null}
                  contextOnly={contextOnly}
                  focused={item.id === focusedItemId}
                  pending={!!pending[item.id]}
                  conflict={!!conflicts[item.id]}
                  onResolve={onResolve}
                  readOnly={readOnly}
                  onToggle={onToggle}
                  onOpen={onOpen}
                  onFocus={focusItem}
                  posInSet={line.posInSet}
                  setSize={rows.length}
                  topPx={topPx}
                />
              );
            })}
          </ul>
        </div>
      </div>
      {dialog?.kind === 'history' && <ItemHistoryDialog item={dialog.item} state={itemState(checklist, dialog.item.id)} onClose={() => setDialog(null)} />}
      {dialog && dialog.kind !== 'history' && (
        <ItemTextDialog item={dialog.item} kind={dialog.kind} onSubmit={(text) => void submitDialog(text)} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
