// Stored step output, checked while the report reads it: each host's chunks are digested as they
// stream past and compared with what its `step.hostFinished` event recorded (chunk count, sha256
// of the texts), so a report is never drawn from output edited after the fact without saying so.
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { OutputChunk, OutputSource } from '../../shared/report/output';
import { OutputDigester } from '../steps/outputStore';

interface Recorded {
  seq: number;
  chunks: number;
  sha256: string;
}

export class CheckedOutputs implements OutputSource {
  private readonly recorded = new Map<string, Recorded>();
  private mismatch: string | null = null;

  constructor(
    private readonly source: OutputSource,
    events: readonly LoggedEvent[],
  ) {
    for (const event of events) {
      if (event.type !== 'step.hostFinished') continue;
      const p = event.payload;
      this.recorded.set(`${p.runId}\u0000${p.target}`, { seq: event.seq, chunks: p.outputChunks, sha256: p.outputSha256 });
    }
  }

  *chunks(runId: string, target: string): Generator<OutputChunk> {
    const recorded = this.recorded.get(`${runId}\u0000${target}`);
    const digester = new OutputDigester();
    let count = 0;
    for (const chunk of this.source.chunks(runId, target)) {
      digester.update(chunk.text);
      count++;
      yield chunk;
    }
    // A host still running when the log was read has no recorded digest yet.
    if (!recorded || this.mismatch) return;
    if (count === 0 && recorded.chunks === 0) return;
    const digest = digester.digest(count);
    if (digest.chunks !== recorded.chunks || digest.sha256 !== recorded.sha256) {
      this.mismatch = `the stored output of ${target} in run ${runId.slice(0, 8)} does not match event ${recorded.seq} (${digest.chunks} chunks, sha256 ${digest.sha256.slice(0, 12)}…; the event says ${recorded.chunks}, ${recorded.sha256.slice(0, 12)}…)`;
    }
  }

  firstMismatch(): string | null {
    return this.mismatch;
  }
}
