import type { EventHub } from '../core/eventHub';
import type { SessionRegistry } from '../sessions/sessionRegistry';
import type { Workspace } from '../store/workspace';

/** What every feature's handlers are built from: the parts, never globals. */
export interface HandlerContext {
  version: string;
  shell: 'desktop' | 'browser';
  clock: { now(): number };
  workspace: Workspace;
  sessions: SessionRegistry;
  hub: EventHub;
}
