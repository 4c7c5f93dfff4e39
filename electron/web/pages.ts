// The only page served without a token: where to paste it. No script; its one <style> element is
// allowed by hash, so the page keeps the same strict policy as the console.
import { createHash } from 'node:crypto';

const baseDirectives = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

export const CONTENT_SECURITY_POLICY = [...baseDirectives, "style-src 'self'"].join('; ');

const loginCss =
  'body{background:#0b0e13;color:#e8edf3;font:16px system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}' +
  'input,button{font:inherit;padding:.4rem;margin-top:.4rem}input{width:100%;box-sizing:border-box}code{color:#ffd166}';

export const LOGIN_PAGE_CSP = [
  ...baseDirectives,
  `style-src 'sha256-${createHash('sha256').update(loginCss).digest('base64')}'`,
].join('; ');

export const loginPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>T-Minus — token required</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${loginCss}</style></head>
<body><h1>T-Minus console</h1>
<p>This console needs its access token. Open the full link that <code>tminus serve</code> printed,
or paste the token here.</p>
<form method="get" action="/"><label for="token">Access token</label>
<input id="token" name="token" autocomplete="off" required>
<button type="submit">Open console</button></form>
</body></html>
`;
