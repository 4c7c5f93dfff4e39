import type { EventHub } from '../core/eventHub';
import type { RunbookParser } from '../runbook/runbookParser';
import type { SecretStore } from '../secrets/secretStore';
import type { SessionRegistry } from '../sessions/sessionRegistry';
import type { SessionStates } from '../sessions/sessionStates';
import type { SessionWriter } from '../sessions/sessionWriter';
import type { Workspace } from '../store/workspace';
import type { WarRoom } from '../warroom/warRoom';

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
  /** Seat tokens and presence (seats and grants themselves are in the log). */
  warRoom: WarRoom;
}

export interface ViewerLinkProvider {
  viewerLink(): Promise<string | null>;
  /** Where seats' links point (the LAN listener when there is one) and its certificate's fingerprint. */
  invitationBase?(): Promise<InvitationBase | null>;
}

export interface InvitationBase {
  /** Origin with a trailing slash, e.g. https://192.168.1.20:8443/ */
  base: string;
  /** SHA-256 fingerprint of the served certificate (AA:BB:…); null over plain 127.0.0.1. */
  fingerprint: string | null;
}
