// Types for electronBinary.mjs.
export declare function electronBinaryPath(root: string): string | null;
export declare function downloadFailureReason(output: string): string;
export declare function fetchElectronBinary(root: string): { ok: true; path: string } | { ok: false; reason: string };
