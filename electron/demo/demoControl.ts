// What the console needs from a running demo: its facts for the status call and the service's
// chaos knobs. `tminus demo` builds one; every other console has none.
import type { ChaosState, DemoStatus } from '../../shared/api/demo';
import type { ChaosListener } from './demoService';

export interface DemoControl {
  /** The demo's session, actor, service and runbook file (the session exists once setup is done). */
  info(): Omit<DemoStatus, 'demo' | 'chaos'>;
  chaos(): ChaosState;
  setChaos(patch: Partial<ChaosState>): ChaosState;
  onChaosChange(listener: ChaosListener): () => void;
}
