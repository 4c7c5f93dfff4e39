// One HTTP/1.1 exchange over a plain TCP socket, bytes exactly as given: the tests that probe the
// browser shell need requests a well-behaved client library would refuse to send (malformed
// cookies, odd paths, lying lengths, upgrades it would never ask for).
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Resolve once this long has passed without an answer (as `null`). */
  timeoutMs?: number;
}

/** The server's answer, or null when the connection ended (or stalled) without one. */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (answer: RawResponse | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(parse(received, true)), request.timeoutMs ?? 5000);
    socket.on('error', () => finish(parse(received, true)));
    socket.on('close', () => finish(parse(received, true)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parse(received, false);
      if (answer) finish(answer);
    });
    socket.on('connect', () => {
      const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
      const headers = { Host: `127.0.0.1:${port}`, Connection: 'close', ...request.headers };
      if (request.body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
        (headers as Record<string, string>)['Content-Length'] = String(body.length);
      }
      const head = `${request.method ?? 'GET'} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}\r\n`;
      socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]), () => undefined);
    });
  });
}

/** A complete response (headers and, when sized, the body), else null; `ended` accepts what came. */
function parse(bytes: Buffer, ended: boolean): RawResponse | null {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const [statusLine, ...lines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = bytes.subarray(split + 4);
  const length = headers['content-length'];
  const code = Number(status[1]);
  if (code === 101) return { status: code, headers, body: '' };
  if (length !== undefined && body.length < Number(length) && !ended) return null;
  if (length === undefined && headers['transfer-encoding'] !== undefined && !ended) return null;
  return { status: code, headers, body: body.toString('utf8') };
}
