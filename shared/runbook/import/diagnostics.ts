// Diagnostics collected while importing; each names the line and column a person should look at.
import type { Diagnostic, DiagnosticSeverity } from '../model';

/** Machine-readable diagnostic codes (documented in docs/runbook-format.md). */
export type DiagnosticCode =
  | 'too-deeply-nested'
  | 'unclosed-fence'
  | 'unparseable-time'
  | 'threshold-without-unit'
  | 'duplicate-step-title'
  | 'unknown-front-matter-key'
  | 'invalid-yaml'
  | 'invalid-front-matter'
  | 'unclosed-front-matter'
  | 'window-end-before-start'
  | 'gate-without-time'
  | 'polarity-unknown'
  | 't0-unknown'
  | 't0-conflict'
  | 'unmatched-target'
  | 'unknown-host'
  | 'unknown-dependency'
  | 'dependency-cycle'
  | 'internal-error';

export class DiagnosticSink {
  readonly list: Diagnostic[] = [];

  add(severity: DiagnosticSeverity, code: DiagnosticCode, line: number, column: number, message: string): void {
    this.list.push({ severity, code, line: Math.max(1, line), column: Math.max(1, column), message });
  }

  error(code: DiagnosticCode, line: number, column: number, message: string): void {
    this.add('error', code, line, column, message);
  }

  warn(code: DiagnosticCode, line: number, column: number, message: string): void {
    this.add('warning', code, line, column, message);
  }

  info(code: DiagnosticCode, line: number, column: number, message: string): void {
    this.add('info', code, line, column, message);
  }

  sorted(): Diagnostic[] {
    return [...this.list].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
