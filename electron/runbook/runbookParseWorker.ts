// The worker thread that reads runbooks (built as its own entry by scripts/build.mjs). One message
// in, one message out; the parent terminates it when a parse runs past the time limit.
import { parentPort } from 'node:worker_threads';
import { previewRunbookSource, type RunbookSource } from './previewRunbook';

parentPort?.on('message', (source: RunbookSource) => {
  try {
    parentPort!.postMessage({ ok: true, preview: previewRunbookSource(source) });
  } catch (error) {
    // importMarkdown never throws by design; this keeps a bug from leaving the caller waiting.
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
// Loaded: the parent starts a parse's clock only now, so start-up time never counts against a runbook.
parentPort?.postMessage({ ready: true });
