// Thrown where real Electron would refuse the same call (see mainProcess.ts).
export class StandInRuleError extends Error {
  constructor(message: string) {
    super(`[electron stand-in] ${message}`);
  }
}
