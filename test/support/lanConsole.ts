// The LAN side of a running `tminus serve --lan`: the links and fingerprint it prints, the
// certificate the listener really presents (read with node:tls, so a test pins it by
// fingerprint instead of trusting whatever answers), and calls over HTTPS to it.
import { connect as tlsConnect } from 'node:tls';
import { request as httpsRequest } from 'node:https';
import { connect as tcpConnect } from 'node:net';
import type { RunningConsole } from './consoleServer';

export interface LanLinks {
  url: string;
  viewerUrl: string;
  base: string;
  host: string;
  port: number;
  fingerprint: string;
}

export function lanLinksOf(server: RunningConsole): LanLinks {
  const output = server.output();
  const url = /War room on the LAN \(HTTPS\): (https:\/\/\S+)/.exec(output)?.[1];
  const viewerUrl = /War-room viewer on the LAN \(read-only\): (https:\/\/\S+)/.exec(output)?.[1];
  const fingerprint = /LAN certificate SHA-256 fingerprint: ([0-9A-F:]+)/.exec(output)?.[1];
  if (!url || !viewerUrl || !fingerprint) throw new Error(`no LAN links printed:\n${output}`);
  const parsed = new URL(url);
  return { url, viewerUrl, base: `${parsed.origin}/`, host: parsed.hostname, port: Number(parsed.port), fingerprint };
}

/** The SHA-256 fingerprint of the certificate the listener presents (AA:BB:…). */
export function servedFingerprint(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, servername: undefined, rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerX509Certificate()?.fingerprint256;
      socket.end();
      if (fingerprint) resolve(fingerprint);
      else reject(new Error('no certificate presented'));
    });
    socket.on('error', reject);
  });
}

/**
 * One API call over HTTPS, accepted only from the pinned certificate: the self-signed certificate
 * is not trusted by a CA, so the check is the fingerprint, as a person compares it in the browser.
 */
export function lanCall(links: Pick<LanLinks, 'host' | 'port' | 'fingerprint'>, token: string, name: string, input: unknown): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string; message: string } } }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: links.host,
        port: links.port,
        method: 'POST',
        path: `/api/call/${name}`,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(body) },
        rejectUnauthorized: false,
        agent: false,
      },
      (response) => {
        const fingerprint = (response.socket as import('node:tls').TLSSocket).getPeerX509Certificate()?.fingerprint256;
        if (fingerprint !== links.fingerprint) {
          response.destroy();
          reject(new Error(`certificate fingerprint ${fingerprint} is not the pinned ${links.fingerprint}`));
          return;
        }
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A plaintext HTTP request to the LAN port: the raw answer text, or '' when the connection just closed. */
export function plaintextRequest(host: string, port: number, path = '/'): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, host, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
}
