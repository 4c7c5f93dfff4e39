import type { StateCreator } from 'zustand';
import { ApiError } from '../../../shared/api/errors';
import type { AppState } from './appStore';

export interface Notice {
  id: number;
  tone: 'error' | 'info' | 'success';
  text: string;
}

export interface NoticesSlice {
  notices: Notice[];
  notify(tone: Notice['tone'], text: string): void;
  /** Shows an error as one sentence; never a stack trace. */
  notifyError(error: unknown, doing: string): void;
  dismissNotice(id: number): void;
}

let nextId = 1;

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set, get) => ({
  notices: [],
  notify(tone, text) {
    const id = nextId++;
    set((state) => ({ notices: [...state.notices.slice(-4), { id, tone, text }] }));
    if (tone !== 'error') setTimeout(() => get().dismissNotice(id), 5000);
  },
  notifyError(error, doing) {
    const text = error instanceof ApiError ? error.message : `Unexpected problem while ${doing}.`;
    get().notify('error', `Could not ${doing}: ${text}`);
  },
  dismissNotice(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
});
