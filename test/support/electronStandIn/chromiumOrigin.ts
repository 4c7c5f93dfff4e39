// The origin string Chromium reports for a URL (url::Origin::Create, then Serialize) — what
// Electron's WebFrameMain.origin returns. Not the URL standard's `new URL(u).origin`: Chromium
// gives a scheme registered as *standard* a real scheme://host origin, where the URL standard
// says "null" for every scheme it does not know. That difference is the bug of issue 13.
const SPECIAL_DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };

export function chromiumOrigin(url: string, standardSchemes: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'null';
  }
  const scheme = parsed.protocol;
  if (scheme === 'blob:') return chromiumOrigin(parsed.pathname, standardSchemes);
  if (scheme === 'file:') return 'file://';
  const isSpecial = scheme in SPECIAL_DEFAULT_PORTS;
  const isRegisteredStandard = standardSchemes.includes(scheme.slice(0, -1));
  if (!isSpecial && !isRegisteredStandard) return 'null';
  if (!parsed.hostname) return 'null';
  const port = parsed.port && parsed.port !== SPECIAL_DEFAULT_PORTS[scheme] ? `:${parsed.port}` : '';
  return `${scheme}//${parsed.hostname.toLowerCase()}${port}`;
}
