// The SSH engine's public surface, for the console (electron/console.ts) and the CLI.
export type { Clock } from './clock';
export { systemClock } from './clock';
export type { PassphrasePrompt, PassphraseRequest } from './auth';
export { DEFAULT_CONNECT_SETTINGS, type ConnectSettings } from './connect';
export { SshConnectionPool, type PoolEvent, type SshConnectionPoolOptions } from './connectionPool';
export * from './errors';
export { runFanOut, type FanOutOptions, type FanOutPolicy, type FanOutResult, type FanOutStatus } from './fanOut';
export { sha256Fingerprint, keyTypeFromBlob } from './fingerprint';
export {
  HostKeyPolicy,
  type HostKeyAnswer,
  type HostKeyDecision,
  type HostKeyDecisionEvent,
  type HostKeyPolicyOptions,
  type HostKeyPrompt,
  type HostKeyPromptRequest,
} from './hostKeyPolicy';
export * from './hostRunner';
export { parseKnownHosts, lookupHostKey, type HostKeyStatus, type KnownHostEntry } from './knownHosts';
export { LocalHostRunner, LOCAL_TARGET, type LocalRunnerOptions } from './localRunner';
export { preflightHosts, DEFAULT_PREFLIGHT_THRESHOLDS, type HostPreflight, type PreflightCheck, type PreflightOptions, type PreflightTarget } from './preflight';
export { checkProcessGroup, processGroupCommand, type ProcessGroupCheck } from './processCheck';
export { SshHostRunner, REMOTE_COMMAND } from './runOnHost';
export { defaultSshConfigContext, loadSshConfigText, resolveEndpoint, type ResolvedEndpoint, type SshConfigContext } from './sshConfig';
export { expandTargets, type ExpandedTargets } from './targets';
export { JsonFileTrustStore, MemoryTrustStore, trustedHostKey, type TrustedHostKey, type TrustStore } from './trustStore';
