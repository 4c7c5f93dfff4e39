// Steps on hosts: inventory, pre-flight, secrets (names and sources only — a value passes through
// to the console and is never kept here), runs, cancel, the SSH layer's prompts and each host's
// output. Runs themselves are read from the session's folded log (`current.state.steps`); output
// is too big for immutable state, so each viewed host's output lives in an OutputFeed that the
// viewer subscribes to.
import type { StateCreator } from 'zustand';
import type { ApiEventMessage, CallInput, CallResult } from '../../../shared/api/contract';
import type { SshPrompt } from '../../../shared/api/steps';
import type { Actor } from '../../../shared/log/actor';
import type { FanOutPolicy } from '../../../shared/log/stepEvents';
import { OutputFeed } from '../features/steps/output/outputFeed';
import type { AppState, StoreDeps } from './appStore';

export type Inventory = CallResult<'getInventory'>;
export type InventoryHost = Inventory['hosts'][number];
export type HostSpecInput = CallInput<'setInventory'>['hosts'][number];
export type HostCheckResult = CallResult<'checkHosts'>['results'][number];
export type SecretStatus = CallResult<'getSecretsStatus'>[number];
export type KeyComparison = CallResult<'compareHostKeys'>;

export type StepsView = 'steps' | 'hosts' | 'secrets';

export interface RunRequest {
  stepId: string;
  targets: string[];
  policy: FanOutPolicy;
  concurrency: number;
  timeoutMs: number | null;
  /** What the person typed to confirm a production run. */
  confirmationText: string | null;
  rerunOf: string | null;
  /** Why it runs before what it waits for is done (required then). */
  outOfOrderReason?: string | null;
  /** Hosts whose earlier outcome is unknown, acknowledged to run again. */
  acknowledgedUnknown?: string[];
}

export interface StepsSlice {
  /** Presentation mode: scripts and output text hidden for screen sharing. */
  presentation: boolean;
  setPresentation(on: boolean): void;
  /** The step (and run) the Steps tab shows; `focusSeq` changes on every request so it scrolls again. */
  stepFocus: { stepId: string | null; runId: string | null; focusSeq: number };
  /** Shows a step (and optionally one of its runs) in the Steps tab's step view. */
  focusStep(stepId: string | null, runId?: string | null): void;
  stepsView: StepsView;
  setStepsView(view: StepsView): void;

  inventory: (Inventory & { sessionId: string }) | null;
  loadInventory(sessionId: string): Promise<void>;
  saveInventory(hosts: HostSpecInput[]): Promise<boolean>;
  checkingHosts: boolean;
  /** Pre-flight; the results also arrive in the log (`state.steps.lastCheck`). */
  checkHosts(hosts?: string[]): Promise<HostCheckResult[] | null>;
  /** Trusts the keys the last check found unknown on these hosts; `confirmation` is the typed phrase. */
  trustHostKeys(hosts: string[], confirmation: string, pasted: string | null): Promise<boolean>;
  /** Compares the last check's keys with pasted ssh-keyscan output (nothing is logged). */
  compareHostKeys(text: string): Promise<KeyComparison | null>;
  /** Production: lets StrictHostKeyChecking accept-new take first keys (logged). */
  setAcceptNew(enabled: boolean): Promise<boolean>;

  secrets: { sessionId: string; list: SecretStatus[] } | null;
  loadSecrets(sessionId: string): Promise<void>;
  /** `remember`: also keep it in the OS keychain (only offered when `secretStorage.canRemember`). */
  setSecret(name: string, value: string, remember?: boolean): Promise<boolean>;
  /** Whether values can be remembered on this computer, and if not why (asked once). */
  secretStorage: CallResult<'getSecretStorage'> | null;
  loadSecretStorage(): Promise<void>;
  forgetSecret(name: string): Promise<boolean>;

  /** Starts a run; answers once the start is committed. Output and results follow as events. */
  runStep(request: RunRequest): Promise<CallResult<'runStep'> | null>;
  cancelRun(runId: string, reason?: string | null): Promise<boolean>;
  /** Reconnects to a host whose outcome is unknown and looks for the run's processes (logged). */
  checkRunHost(runId: string, target: string): Promise<CallResult<'checkRunHost'> | null>;

  prompts: SshPrompt[];
  loadPrompts(): Promise<void>;
  answerHostKey(promptId: string, decision: 'trust' | 'trust-once' | 'reject', actor: Actor): Promise<boolean>;
  /** The passphrase goes to the console's memory; it is not kept in this store. */
  answerPassphrase(promptId: string, passphrase: string | null): Promise<boolean>;

  /** A host's output in a run (created and read from the log on first use). */
  outputFeed(sessionId: string, runId: string, target: string): OutputFeed;
  /** Pushed `step.output`, `ssh.prompt`, `ssh.promptClosed`, and host-finished log events. */
  onStepsPushed(message: ApiEventMessage): void;
  /** Subscribes to pushed events and loads open prompts; returns the unsubscribe. */
  startStepsFeed(): () => void;
}

/** Feeds kept without a viewer (switching hosts back and forth stays instant). */
const IDLE_FEEDS_KEPT = 12;

const feedKey = (runId: string, target: string) => `${runId}\u0000${target}`;

export const createStepsSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], StepsSlice> =>
  (set, get) => {
    const feeds = new Map<string, OutputFeed>();

    function session(): { sessionId: string; actor: Actor } | null {
      const current = get().current;
      const actor = current ? get().actors[current.session.id] : undefined;
      return current && actor ? { sessionId: current.session.id, actor } : null;
    }

    /** A write whose effect arrives as a pushed, committed event; re-reads the log if the push was lost. */
    async function committed(seq: number, sessionId: string) {
      if ((get().current?.state.headSeq ?? 0) < seq) await get().openSession(sessionId);
    }

    function evictIdleFeeds() {
      const idle = [...feeds.entries()].filter(([, feed]) => feed.subscribers === 0);
      for (const [key] of idle.slice(0, Math.max(0, idle.length - IDLE_FEEDS_KEPT))) feeds.delete(key);
    }

    return {
      presentation: false,
      setPresentation(on) {
        set({ presentation: on });
      },
      stepFocus: { stepId: null, runId: null, focusSeq: 0 },
      focusStep(stepId, runId = null) {
        set((state) => ({ stepFocus: { stepId, runId, focusSeq: state.stepFocus.focusSeq + 1 }, stepsView: 'steps' }));
      },
      stepsView: 'steps',
      setStepsView(view) {
        set({ stepsView: view });
      },

      inventory: null,
      async loadInventory(sessionId) {
        try {
          const inventory = await api.getInventory({ sessionId });
          set({ inventory: { ...inventory, sessionId } });
        } catch (error) {
          get().notifyError(error, 'read the host inventory');
        }
      },
      async saveInventory(hosts) {
        const who = session();
        if (!who) return false;
        try {
          const { seq } = await api.setInventory({ ...who, hosts });
          await committed(seq, who.sessionId);
          await get().loadInventory(who.sessionId);
          return true;
        } catch (error) {
          get().notifyError(error, 'save the host inventory');
          return false;
        }
      },
      checkingHosts: false,
      async checkHosts(hosts) {
        const who = session();
        if (!who) return null;
        set({ checkingHosts: true });
        try {
          const { results } = await api.checkHosts({ ...who, ...(hosts ? { hosts } : {}) });
          return results;
        } catch (error) {
          get().notifyError(error, 'check the hosts');
          return null;
        } finally {
          set({ checkingHosts: false });
        }
      },

      async trustHostKeys(hosts, confirmation, pasted) {
        const who = session();
        if (!who) return false;
        try {
          const { seq } = await api.trustHostKeys({ ...who, hosts, confirmation, pasted });
          await committed(seq, who.sessionId);
          return true;
        } catch (error) {
          get().notifyError(error, 'trust the host keys');
          return false;
        }
      },
      async compareHostKeys(text) {
        const who = session();
        if (!who) return null;
        try {
          return await api.compareHostKeys({ sessionId: who.sessionId, text });
        } catch (error) {
          get().notifyError(error, 'compare the pasted keys');
          return null;
        }
      },
      async setAcceptNew(enabled) {
        const who = session();
        if (!who) return false;
        try {
          const { seq } = await api.setAcceptNew({ ...who, enabled });
          await committed(seq, who.sessionId);
          return true;
        } catch (error) {
          get().notifyError(error, 'change accept-new for this session');
          return false;
        }
      },

      secrets: null,
      async loadSecrets(sessionId) {
        try {
          set({ secrets: { sessionId, list: await api.getSecretsStatus({ sessionId }) } });
        } catch (error) {
          get().notifyError(error, 'read which secrets are set');
        }
      },
      secretStorage: null,
      async loadSecretStorage() {
        if (get().secretStorage) return;
        try {
          set({ secretStorage: await api.getSecretStorage({}) });
        } catch (error) {
          get().notifyError(error, 'ask where secrets can be kept');
        }
      },
      async setSecret(name, value, remember = false) {
        const who = session();
        if (!who) return false;
        try {
          const { seq } = await api.setSecret({ ...who, name, value, ...(remember ? { remember: true } : {}) });
          await committed(seq, who.sessionId);
          await get().loadSecrets(who.sessionId);
          get().notify('success', remember ? `Secret ${name} set and remembered on this computer.` : `Secret ${name} set for this session.`);
          return true;
        } catch (error) {
          get().notifyError(error, `set the secret ${name}`);
          return false;
        }
      },
      async forgetSecret(name) {
        const who = session();
        if (!who) return false;
        try {
          const { seq } = await api.forgetSecret({ ...who, name });
          await committed(seq, who.sessionId);
          await get().loadSecrets(who.sessionId);
          return true;
        } catch (error) {
          get().notifyError(error, `forget the secret ${name}`);
          return false;
        }
      },

      async runStep(request) {
        const who = session();
        if (!who) return null;
        try {
          const started = await api.runStep({
            ...who,
            stepId: request.stepId,
            targets: request.targets,
            policy: request.policy,
            concurrency: request.concurrency,
            timeoutMs: request.timeoutMs,
            confirmation: request.confirmationText === null ? null : { method: 'typed', text: request.confirmationText },
            rerunOf: request.rerunOf,
            outOfOrderReason: request.outOfOrderReason ?? null,
            ...(request.acknowledgedUnknown?.length ? { acknowledgedUnknown: request.acknowledgedUnknown } : {}),
          });
          await committed(started.seq, who.sessionId);
          get().focusStep(request.stepId, started.runId);
          return started;
        } catch (error) {
          get().notifyError(error, 'start the step');
          return null;
        }
      },
      async cancelRun(runId, reason = null) {
        const who = session();
        if (!who) return false;
        try {
          const { seq } = await api.cancelRun({ ...who, runId, reason });
          await committed(seq, who.sessionId);
          return true;
        } catch (error) {
          get().notifyError(error, 'cancel the run');
          return false;
        }
      },

      async checkRunHost(runId, target) {
        const who = session();
        if (!who) return null;
        try {
          const checked = await api.checkRunHost({ ...who, runId, target });
          await committed(checked.seq, who.sessionId);
          return checked;
        } catch (error) {
          get().notifyError(error, `check ${target}`);
          return null;
        }
      },

      prompts: [],
      async loadPrompts() {
        try {
          set({ prompts: await api.listPrompts({}) });
        } catch (error) {
          get().notifyError(error, 'read the open SSH prompts');
        }
      },
      async answerHostKey(promptId, decision, actor) {
        try {
          await api.answerHostKeyPrompt({ promptId, actor, decision });
          set((state) => ({ prompts: state.prompts.filter((p) => p.promptId !== promptId) }));
          return true;
        } catch (error) {
          get().notifyError(error, 'answer the host key question');
          return false;
        }
      },
      async answerPassphrase(promptId, passphrase) {
        try {
          await api.answerPassphrasePrompt({ promptId, passphrase });
          set((state) => ({ prompts: state.prompts.filter((p) => p.promptId !== promptId) }));
          return true;
        } catch (error) {
          get().notifyError(error, 'answer the passphrase question');
          return false;
        }
      },

      outputFeed(sessionId, runId, target) {
        const key = feedKey(runId, target);
        let feed = feeds.get(key);
        if (!feed) {
          evictIdleFeeds();
          feed = new OutputFeed({ fetchPage: (fromSeq, limit) => api.getRunOutput({ sessionId, runId, target, fromSeq, limit }) });
          feeds.set(key, feed);
        }
        return feed;
      },
      onStepsPushed(message) {
        if (message.event === 'step.output') {
          feeds.get(feedKey(message.payload.runId, message.payload.target))?.push(message.payload.chunks);
        } else if (message.event === 'ssh.prompt') {
          const prompt = message.payload;
          set((state) => ({ prompts: [...state.prompts.filter((p) => p.promptId !== prompt.promptId), prompt] }));
        } else if (message.event === 'ssh.promptClosed') {
          set((state) => ({ prompts: state.prompts.filter((p) => p.promptId !== message.payload.promptId) }));
        } else if (message.event === 'log.appended' && message.payload.event.type === 'step.hostFinished') {
          const { runId, target } = message.payload.event.payload as { runId: string; target: string };
          feeds.get(feedKey(runId, target))?.markFinished();
        }
      },
      startStepsFeed() {
        const unsubscribe = api.subscribe((message) => get().onStepsPushed(message));
        void get().loadPrompts();
        return unsubscribe;
      },
    };
  };
