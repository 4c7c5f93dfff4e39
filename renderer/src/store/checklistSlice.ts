import type { StateCreator } from 'zustand';
import type { AppState, StoreDeps } from './appStore';

export interface ChecklistFilters {
  query: string;
  openOnly: boolean;
  /** Role name, or '' for all. */
  role: string;
  /** A seat: only the items under its own roles' headings. */
  mineOnly: boolean;
  /** Section id, or '' for all. */
  sectionId: string;
}

export interface ChecklistSlice {
  checklistFilters: ChecklistFilters;
  focusedItemId: string | null;
  /** Items whose change is sent but not yet committed (shown busy, never as done). */
  pendingItems: Record<string, true>;
  setChecklistFilters(patch: Partial<ChecklistFilters>): void;
  focusItem(itemId: string | null): void;
  checkItem(itemId: string, options?: { note?: string | null; approver?: string | null }): Promise<boolean>;
  uncheckItem(itemId: string, reason?: string | null): Promise<boolean>;
  addNote(itemId: string, text: string): Promise<boolean>;
  /** Mark a conflicted item (two people changed it, one offline) as looked at; both actions stay in its history. */
  resolveConflict(itemId: string): Promise<boolean>;
}

export const createChecklistSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], ChecklistSlice> =>
  (set, get) => {
    /** Runs a write for an item; its effect arrives as a pushed, committed event. */
    async function write(itemId: string, doing: string, call: (sessionId: string) => Promise<{ seq: number }>) {
      const current = get().current;
      if (!current) return false;
      set((state) => ({ pendingItems: { ...state.pendingItems, [itemId]: true } }));
      try {
        const { seq } = await call(current.session.id);
        // The push normally lands first; if it was lost on the way, read the log again.
        if ((get().current?.state.headSeq ?? 0) < seq) await get().openSession(current.session.id);
        return true;
      } catch (error) {
        get().notifyError(error, doing);
        return false;
      } finally {
        set((state) => {
          const { [itemId]: _done, ...rest } = state.pendingItems;
          return { pendingItems: rest };
        });
      }
    }

    function actorFor(sessionId: string) {
      const actor = get().actors[sessionId];
      if (!actor) throw new Error('no actor');
      return actor;
    }

    return {
      checklistFilters: { query: '', openOnly: false, role: '', sectionId: '', mineOnly: false },
      focusedItemId: null,
      pendingItems: {},
      setChecklistFilters(patch) {
        set((state) => ({ checklistFilters: { ...state.checklistFilters, ...patch } }));
      },
      focusItem(itemId) {
        set({ focusedItemId: itemId });
      },
      checkItem(itemId, options = {}) {
        return write(itemId, 'tick the item', (sessionId) =>
          api.checkItem({ sessionId, itemId, actor: actorFor(sessionId), note: options.note ?? null, approver: options.approver ?? null }),
        );
      },
      uncheckItem(itemId, reason = null) {
        return write(itemId, 'untick the item', (sessionId) => api.uncheckItem({ sessionId, itemId, actor: actorFor(sessionId), reason }));
      },
      addNote(itemId, text) {
        return write(itemId, 'add the note', (sessionId) => api.addNote({ sessionId, itemId, actor: actorFor(sessionId), text }));
      },
      resolveConflict(itemId) {
        return write(itemId, 'resolve the conflict', (sessionId) => api.resolveConflict({ sessionId, itemId, actor: actorFor(sessionId), note: null }));
      },
    };
  };
