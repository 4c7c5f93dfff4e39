import type { EventHub } from '../core/eventHub';
import type { RunbookParser } from '../runbook/runbookParser';
import type { SecretStore } from '../secrets/secretStore';
import type { SessionRegistry } from '../sessions/sessionRegistry';
import type { SessionStates } from '../sessions/sessionStates';
import type { SessionWriter } from '../sessions/sessionWriter';
import type { Workspace } from '../store/workspace';

/** What every feature's handlers are built from: the parts, never globals. */
export interface HandlerContext {
  version: string;
  shell: 'desktop' | 'browser';
  clock: { now(): number };
  workspace: Workspace;
  sessions: SessionRegistry;
  states: SessionStates;
  writer: SessionWriter;
  hub: EventHub;
  secrets: SecretStore;
  /** Reads runbook files in a worker with a time limit, off the event loop. */
  runbookParser: RunbookParser;
  /** Hands out the read-only war-room link where the shell can serve one. */
  share: ViewerLinkProvider;
}

export interface ViewerLinkProvider {
  viewerLink(): Promise<string | null>;
}
