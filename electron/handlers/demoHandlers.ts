// The demo's calls. Outside `tminus demo` the status says "not a demo" and the chaos control is
// refused: a real workspace's systems are never disturbed from the console.
import { NOT_A_DEMO } from '../../shared/api/demo';
import { ApiError } from '../../shared/api/errors';
import type { ApiHandlers } from '../core/router';
import type { DemoControl } from '../demo/demoControl';
import type { HandlerContext } from './context';

export const NOT_IN_DEMO_MESSAGE =
  'Chaos controls exist only in the demo launch (`tminus demo` / `npm run demo`); this console serves a real workspace.';

export function demoHandlers(context: Pick<HandlerContext, 'hub'>, demo: DemoControl | null): Pick<ApiHandlers, 'demoStatus' | 'setDemoChaos'> {
  // Every client hears a change, whether it came from a button or from a rollback step calling the
  // service; the subscription ends when the demo service stops (it drops its listeners).
  demo?.onChaosChange((chaos, cause) => context.hub.emit('demo.chaos', { chaos, cause }));
  return {
    demoStatus: () => (demo ? { demo: true, ...demo.info(), chaos: demo.chaos() } : NOT_A_DEMO),
    setDemoChaos: (patch) => {
      if (!demo) throw new ApiError('not_found', NOT_IN_DEMO_MESSAGE);
      return demo.setChaos(patch);
    },
  };
}
