import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import type { ApiHandlers } from '../core/router';
import type { HandlerContext } from './context';

export function workspaceHandlers(context: HandlerContext): Pick<ApiHandlers, 'workspaceInfo'> {
  return {
    workspaceInfo: (_input, call) => ({
      version: context.version,
      dataDir: context.workspace.dataDir,
      databaseFile: context.workspace.databaseFile,
      schemaVersion: LATEST_SCHEMA_VERSION,
      shell: context.shell,
      access: call.access,
      clockOffsetMs: Math.round(context.clock.now() - Date.now()),
    }),
  };
}
