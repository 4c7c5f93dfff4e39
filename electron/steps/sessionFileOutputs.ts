// Step output in session files. Exporting takes each host's stored chunks for every
// `step.hostFinished` event that recorded output, after checking them against the digest the
// event carries (an export must prove itself). Reading checks the same in reverse: every output in
// the file belongs to a finish event, every finish event with output has it, and the chunk texts
// hash to the recorded sha256 — so output edited, cut or added after the fact is a fault, as an
// edited event is.
import type { SessionFile, SessionFileOutput } from '../../shared/log/sessionFile';
import { OutputDigester, type StoredChunk } from './outputStore';

/** Where an export reads stored output from. */
export interface SessionOutputSource {
  chunks(runId: string, target: string): Iterable<StoredChunk>;
}

interface FinishedHost {
  seq: number;
  runId: string;
  target: string;
  outputChunks: number;
  outputBytes: number;
  outputSha256: string;
}

/** The finish events of a file or log that recorded a digest (payloads read defensively). */
function finishedHosts(events: ReadonlyArray<{ seq: number; type: string; payload: unknown }>): FinishedHost[] {
  const found: FinishedHost[] = [];
  for (const event of events) {
    if (event.type !== 'step.hostFinished' || typeof event.payload !== 'object' || event.payload === null) continue;
    const p = event.payload as Record<string, unknown>;
    if (typeof p.runId !== 'string' || typeof p.target !== 'string' || typeof p.outputSha256 !== 'string') continue;
    found.push({
      seq: event.seq,
      runId: p.runId,
      target: p.target,
      outputChunks: typeof p.outputChunks === 'number' ? p.outputChunks : 0,
      outputBytes: typeof p.outputBytes === 'number' ? p.outputBytes : 0,
      outputSha256: p.outputSha256,
    });
  }
  return found;
}

function digestOf(chunks: Iterable<Pick<StoredChunk, 'text'>>): { chunks: number; bytes: number; sha256: string } {
  const digester = new OutputDigester();
  let count = 0;
  for (const chunk of chunks) {
    digester.update(chunk.text);
    count++;
  }
  return digester.digest(count);
}

/** Output to put in an export; throws (with a message) when the store disagrees with the log. */
export function collectOutputs(events: ReadonlyArray<{ seq: number; type: string; payload: unknown }>, source: SessionOutputSource): SessionFileOutput[] {
  const outputs: SessionFileOutput[] = [];
  for (const host of finishedHosts(events)) {
    if (host.outputChunks === 0) continue;
    const chunks = [...source.chunks(host.runId, host.target)];
    const digest = digestOf(chunks);
    if (digest.sha256 !== host.outputSha256 || digest.chunks !== host.outputChunks) {
      throw new Error(
        `the stored output of ${host.target} in run ${host.runId.slice(0, 8)} does not match event ${host.seq} (${digest.chunks} chunks, sha256 ${digest.sha256.slice(0, 12)}…; the event says ${host.outputChunks}, ${host.outputSha256.slice(0, 12)}…)`,
      );
    }
    outputs.push({ runId: host.runId, target: host.target, chunks: chunks.map(({ seq, stream, at, text }) => ({ seq, stream, at, text })) });
  }
  return outputs;
}

/** The first problem with a file's outputs against its (already verified) events, or null. */
export function checkOutputs(file: Pick<SessionFile, 'events' | 'outputs'>): { message: string; seq?: number; path: string } | null {
  const finished = new Map(finishedHosts(file.events).map((host) => [`${host.runId}\u0000${host.target}`, host]));
  const seen = new Set<string>();
  for (const [index, output] of (file.outputs ?? []).entries()) {
    const key = `${output.runId}\u0000${output.target}`;
    const path = `outputs[${index}]`;
    const where = `the output of ${output.target} in run ${output.runId.slice(0, 8)}`;
    const host = finished.get(key);
    if (!host) return { message: `${where} belongs to no step.hostFinished event (added after the fact?)`, path };
    if (seen.has(key)) return { message: `${where} appears twice`, path, seq: host.seq };
    seen.add(key);
    const misplaced = output.chunks.findIndex((chunk, position) => chunk.seq !== position);
    if (misplaced >= 0) return { message: `${where}: chunk ${misplaced} has seq ${output.chunks[misplaced]!.seq} (chunks must be in order from 0)`, path: `${path}.chunks[${misplaced}]`, seq: host.seq };
    const digest = digestOf(output.chunks);
    if (digest.sha256 !== host.outputSha256 || digest.chunks !== host.outputChunks || digest.bytes !== host.outputBytes) {
      return { message: `${where} does not match event ${host.seq}: its sha256 is ${digest.sha256.slice(0, 12)}…, the event recorded ${host.outputSha256.slice(0, 12)}… (edited or cut)`, path, seq: host.seq };
    }
  }
  for (const [key, host] of finished) {
    if (host.outputChunks > 0 && !seen.has(key)) {
      return { message: `event ${host.seq} recorded ${host.outputChunks} chunks of output from ${host.target}, which the file does not contain`, path: 'outputs', seq: host.seq };
    }
  }
  return null;
}
