// Every transport hands calls to this router: it knows the contract, validates the payload,
// enforces read-only access, and turns every failure into the error envelope — so IPC, HTTP and
// tests behave the same, and no stack trace ever reaches a screen.
import { z } from 'zod';
import { calls, isCallName, type CallName, type CallResult, type ParsedInput } from '../../shared/api/contract';
import type { Access } from '../../shared/api/define';
import { ApiError, invalidInput, type Envelope } from '../../shared/api/errors';
import type { SeatIdentity } from '../../shared/warroom/seatPolicy';
import { StoreError } from '../store/errors';

export interface CallContext {
  /** What the caller may do: viewers (war-room display tokens) only read. */
  access: Access;
  /** Set when a war-room seat calls: the seat's rules apply and it acts under its own name. */
  seat?: SeatIdentity;
  /** The caller's remote address, where the transport knows one (presence). */
  address?: string | null;
}

/**
 * Decides a seat's call after validation and before the handler: throws when the seat may not,
 * returns the input to run with (its actor replaced by the seat's own).
 */
export type SeatGate = (call: CallName, input: unknown, context: CallContext & { seat: SeatIdentity }) => unknown;

export type ApiHandlers = {
  [N in CallName]: (input: ParsedInput<N>, context: CallContext) => Promise<CallResult<N>> | CallResult<N>;
};

export interface RouterOptions {
  /** Check results against the contract too (on in tests, to catch drift early). */
  validateResults?: boolean;
  logError?: (call: string, error: unknown) => void;
  /** Required for seats to be served at all: without it every seat call is refused. */
  seatGate?: SeatGate;
}

export interface Router {
  dispatch(name: string, input: unknown, context: CallContext): Promise<Envelope<unknown>>;
}

export function createRouter(handlers: ApiHandlers, options: RouterOptions = {}): Router {
  const logError = options.logError ?? ((call, error) => console.error(`[tminus] ${call} failed:`, error));
  return {
    async dispatch(name, rawInput, context) {
      try {
        if (!isCallName(name)) throw new ApiError('not_found', `Unknown call "${name}".`);
        const spec = calls[name];
        if (spec.access === 'write' && context.access !== 'write') {
          throw new ApiError('forbidden', `This console is read-only (viewer access): "${name}" is not allowed.`);
        }
        const parsed = spec.input.safeParse(rawInput ?? {});
        if (!parsed.success) throw invalidInput(parsed.error, `${name} payload`);
        let input: unknown = parsed.data;
        if (context.seat) {
          if (!options.seatGate) throw new ApiError('forbidden', 'This console does not serve war-room seats.');
          input = options.seatGate(name, input, { ...context, seat: context.seat });
        }
        const handler = handlers[name] as (input: unknown, context: CallContext) => unknown;
        const result = await handler(input, context);
        if (options.validateResults) {
          const checked = (spec.result as z.ZodType).safeParse(result);
          if (!checked.success) {
            logError(name, checked.error);
            throw new ApiError('internal', `${name} produced a result that does not match the API contract.`);
          }
        }
        return { ok: true, result };
      } catch (error) {
        return { ok: false, error: toApiError(name, error, logError).toData() };
      }
    },
  };
}

function toApiError(name: string, error: unknown, logError: (call: string, error: unknown) => void): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError) return new ApiError('unavailable', error.message);
  if (error instanceof z.ZodError) return invalidInput(error, `${name} payload`);
  logError(name, error);
  return new ApiError('internal', `Something went wrong in "${name}"; the details were written to the console's log.`);
}
