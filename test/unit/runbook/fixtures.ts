// Reading runbook fixtures for the runbook tests (bytes as committed: the CRLF one keeps its CRLF).
import { readFileSync } from 'node:fs';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/runbooks/${name}`, import.meta.url), 'utf8');
}
