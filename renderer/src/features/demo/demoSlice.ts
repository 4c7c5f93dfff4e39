// The demo launch's state in the app store: whether this console is the demo, and the chaos state
// of its simulated service (kept current from the `demo.chaos` event every client hears).
import type { StateCreator } from 'zustand';
import type { ChaosState, DemoStatus } from '../../../../shared/api/demo';
import type { AppState, StoreDeps } from '../../store/appStore';

export interface DemoSlice {
  /** null until asked; `demo: false` outside `tminus demo`. */
  demo: DemoStatus | null;
  loadDemo(): Promise<void>;
  setChaos(patch: Partial<ChaosState>): Promise<boolean>;
}

export const createDemoSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], DemoSlice> =>
  (set, get) => {
    let listening = false;
    const listen = () => {
      if (listening) return;
      listening = true;
      api.subscribe((message) => {
        if (message.event !== 'demo.chaos') return;
        const demo = get().demo;
        if (demo?.demo) set({ demo: { ...demo, chaos: message.payload.chaos } });
      });
    };
    return {
      demo: null,
      async loadDemo() {
        try {
          const demo = await api.demoStatus({});
          set({ demo });
          if (demo.demo) listen();
        } catch (error) {
          get().notifyError(error, 'ask whether this is the demo');
        }
      },
      async setChaos(patch) {
        try {
          const chaos = await api.setDemoChaos(patch);
          const demo = get().demo;
          if (demo) set({ demo: { ...demo, chaos } });
          return true;
        } catch (error) {
          get().notifyError(error, 'change the demo service');
          return false;
        }
      },
    };
  };
