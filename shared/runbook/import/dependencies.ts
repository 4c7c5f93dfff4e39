// The last step of assembling: the dependency graph (shared/plan), with front matter `after`
// entries resolved and their problems (unknown names, cycles) reported as import errors.
import type { Runbook } from '../model';
import { resolveDependencies } from '../../plan/explicit';
import type { DiagnosticSink } from './diagnostics';
import type { FrontMatter } from './frontMatter';

export function attachDependencies(runbook: Runbook, fm: FrontMatter, diags: DiagnosticSink): Runbook {
  const explicit = fm.steps.flatMap((s) => (s.after ? [{ key: s.key, after: s.after, line: s.line, column: s.column }] : []));
  const { dependencies, problems } = resolveDependencies(runbook, explicit);
  for (const p of problems) diags.error(p.code, p.line, p.column, p.message);
  return { ...runbook, dependencies, diagnostics: diags.sorted() };
}
