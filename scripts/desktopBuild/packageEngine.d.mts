// Types for packageEngine.mjs.
export declare const PACKAGE_STAGE: string;
export declare function stageEngineForPackage(options: {
  projectDir: string;
  platform: string;
  arch: string;
  electronVersion: string;
  sqliteVersion: string;
  buildEngine: (target: { platform: string; arch: string }) => { ok: boolean; detail?: string };
}): string;
