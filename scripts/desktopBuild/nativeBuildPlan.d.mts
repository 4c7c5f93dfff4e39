// Types for nativeBuildPlan.mjs (a plain script, so `node scripts/…` runs it without a build).
export declare const NATIVE_ARCHES: readonly string[];
export declare const NATIVE_PLATFORMS: readonly string[];
export interface EngineTarget {
  electronVersion: string;
  sqliteVersion: string;
  platform: string;
  arch: string;
}
export declare function nativeDirName(target: EngineTarget): string;
export interface ToolCommand {
  command: string;
  args: string[];
  options: { cwd: string; env: Record<string, string | undefined>; shell: false; windowsHide: true };
}
export declare function toolCommand(options: { nodePath: string; script: string; args: string[]; cwd: string; env: Record<string, string | undefined> }): ToolCommand;
export declare function nativeBuildSteps(options: {
  nodePath: string;
  hostPlatform: string;
  platform: string;
  arch: string;
  electronVersion: string;
  tools: { prebuildInstall: string; nodeGyp: string | null };
  cwd: string;
  env: Record<string, string | undefined>;
}): Array<ToolCommand & { name: 'prebuilt' | 'compile' }>;
export declare function archName(builderArch: number): string;
