import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function workspaceHandlers(context: HandlerContext): Pick<ApiHandlers, 'workspaceInfo' | 'getViewerLink'> {
  return {
    getViewerLink: async ({ sessionId }) => {
      const base = await context.share.viewerLink();
      if (!base) return { url: null, note: 'This console cannot serve a viewer link; run `tminus serve` on the same workspace to share a read-only display.' };
      return {
        url: sessionId ? `${base}#/sessions/${sessionId}/wall` : base,
        note: base.startsWith('https:')
          ? 'Read-only: whoever opens it can watch but change nothing. It works across the local network over HTTPS (the browser will ask to accept the certificate: compare its fingerprint with the one `tminus serve --lan` printed).'
          : 'Read-only: whoever opens it can watch but change nothing. It works on this machine (127.0.0.1) — share the screen it is shown on, or start `tminus serve --lan`.',
      };
    },
    workspaceInfo: (_input, call) => ({
      version: context.version,
      dataDir: context.workspace.dataDir,
      databaseFile: context.workspace.databaseFile,
      schemaVersion: LATEST_SCHEMA_VERSION,
      shell: context.shell,
      access: call.access,
      clockOffsetMs: Math.round(context.clock.now() - Date.now()),
      seat: call.seat ?? null,
    }),
  };
}
