import type { StateCreator } from 'zustand';
import type { Actor } from '../../../shared/log/actor';
import type { AppState, StoreDeps } from './appStore';

const REMEMBERED = 'tminus.lastActor';

/**
 * This browser remembers who last worked here (localStorage is per origin, and the browser shell
 * keeps its port across restarts), so the next prompt offers that person to confirm.
 */
export function rememberActor(actor: Actor): void {
  try {
    localStorage.setItem(REMEMBERED, JSON.stringify(actor));
  } catch {
    // Storage full or disabled: the prompt then asks from scratch, nothing else changes.
  }
}

export interface ActorSlice {
  /** Who is at the keyboard, per session (asked when a session is opened for work). */
  actors: Record<string, Actor>;
  rememberedActor(): Actor | null;
  setActor(sessionId: string, actor: Actor): Promise<boolean>;
  /** A seat's page: the actor is the invited person (the console logs that name whatever is sent). */
  assumeSeat(sessionId: string, actor: Actor): void;
}

export const createActorSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], ActorSlice> =>
  (set, get) => ({
    actors: {},
    rememberedActor() {
      try {
        const parsed = JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as Actor | null;
        return parsed && typeof parsed.name === 'string' ? parsed : null;
      } catch {
        return null;
      }
    },
    assumeSeat(sessionId, actor) {
      set((state) => ({ actors: { ...state.actors, [sessionId]: actor } }));
    },
    async setActor(sessionId, actor) {
      try {
        await api.changeActor({ sessionId, actor });
        rememberActor(actor);
        set((state) => ({ actors: { ...state.actors, [sessionId]: actor } }));
        return true;
      } catch (error) {
        get().notifyError(error, 'record who is at the keyboard');
        return false;
      }
    },
  });
