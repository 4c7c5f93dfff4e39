// docs/api.md is generated from the contract, so it cannot drift: `npm run docs:api` rewrites it
// and a unit test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { apiEvents, calls } from '../shared/api/contract';
import { apiErrorCodes, httpStatusOf } from '../shared/api/errors';

function schemaText(schema: z.ZodType, io: 'input' | 'output'): string {
  try {
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    return JSON.stringify(jsonSchema, null, 2);
  } catch {
    return '(not representable as JSON Schema)';
  }
}

export function renderApiDocs(): string {
  const lines: string[] = [
    '# T-Minus console API',
    '',
    '<!-- Generated from shared/api/contract.ts by `npm run docs:api`. Do not edit by hand. -->',
    '',
    'One contract serves both shells. In the desktop app the preload exposes `window.tminus.<call>(input)`',
    '(IPC, sender-checked); in the browser shell every call is `POST /api/call/<call>` with a JSON body',
    'and pushed events arrive on one WebSocket at `/api/events`. Every answer is an envelope:',
    '`{"ok": true, "result": …}` or `{"ok": false, "error": {"code", "message", "issues"?}}`.',
    '',
    '## Browser shell access',
    '',
    '- Listens on 127.0.0.1 (plaintext); with `--lan`, also on one chosen address over HTTPS only',
    '  (plaintext there answers 400). `tminus serve` prints a writer link and a read-only viewer link,',
    '  each with a random token (`?token=`), kept across restarts of the same data dir; each war-room',
    '  seat has its own token, whose calls run as that seat (docs/security.md).',
    '- The page takes the token from the link once, keeps it in the tab\'s sessionStorage (never in a',
    '  cookie: cookies ignore ports) and removes it from the address bar. Every request carries it as',
    '  `Authorization: Bearer <token>`; the event socket offers it as a second subprotocol',
    '  `tminus.token.<token>` beside `tminus.v1`. Without a valid token the answer is 401 (JSON for API',
    '  calls; browsers are sent to `/login`, a token-free page that asks for it).',
    '- A foreign `Origin` or `Host` header is refused with 403. API calls need',
    '  `Content-Type: application/json`.',
    '- Viewer tokens may only make `read` calls; `write` calls answer `forbidden`.',
    '- The WebSocket sends `{"event": "hello"}` when connected, then `{"event", "payload"}` messages.',
    '  A client that falls too far behind is disconnected and should reconnect and re-read its state.',
    '',
    '## Errors',
    '',
    '| code | HTTP status |',
    '|---|---|',
    ...apiErrorCodes.map((code) => `| \`${code}\` | ${httpStatusOf[code]} |`),
    '',
    '## Calls',
    '',
  ];
  for (const [name, spec] of Object.entries(calls)) {
    lines.push(`### \`${name}\` (${spec.access})`, '', spec.summary, '', 'Input:', '', '```json', schemaText(spec.input, 'input'), '```', '');
    lines.push('Result:', '', '```json', schemaText(spec.result, 'output'), '```', '');
  }
  lines.push('## Pushed events', '');
  for (const [name, spec] of Object.entries(apiEvents)) {
    lines.push(`### \`${name}\``, '', spec.summary, '', '```json', schemaText(spec.payload, 'output'), '```', '');
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../docs/api.md', import.meta.url), renderApiDocs());
  console.log('docs/api.md written');
}
