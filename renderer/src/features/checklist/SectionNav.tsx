import { memo, useMemo } from 'react';
import type { Runbook, Section } from '../../../../shared/runbook/model';
import { progressBySection, type ChecklistIndex, type Progress } from '../../../../shared/session/checklistProgress';
import type { ChecklistState } from '../../../../shared/session/checklistState';
import { formatOffsetLabel } from '../../../../shared/timeline';

interface SectionNavProps {
  runbook: Runbook;
  index: ChecklistIndex;
  state: ChecklistState;
  selected: string;
  onSelect: (sectionId: string) => void;
}

/** Sections that hold checklist items, as a tree with their progress and planned time. */
export const SectionNav = memo(function SectionNav({ runbook, index, state, selected, onSelect }: SectionNavProps) {
  const progressOf = useMemo(() => progressBySection(index, state), [index, state]);
  const none: Progress = { done: 0, total: 0 };
  const withItems = (section: Section) => (progressOf.get(section.id) ?? none).total > 0;
  const render = (parentId: string | null) => {
    const sections = (index.subsections.get(parentId) ?? []).filter(withItems);
    if (sections.length === 0) return null;
    return (
      <ul>
        {sections.map((section) => {
          const progress = progressOf.get(section.id) ?? none;
          const complete = progress.done === progress.total;
          return (
            <li key={section.id}>
              <button
                type="button"
                className={`nav-section${selected === section.id ? ' is-selected' : ''}`}
                aria-pressed={selected === section.id}
                onClick={() => onSelect(selected === section.id ? '' : section.id)}
              >
                <span className="nav-title">{section.title}</span>
                {section.startOffsetMs !== null && <span className="nav-offset mono">{formatOffsetLabel(section.startOffsetMs)}</span>}
                <span className={`nav-progress mono${complete ? ' is-complete' : ''}`}>
                  {progress.done}/{progress.total}
                </span>
              </button>
              {render(section.id)}
            </li>
          );
        })}
      </ul>
    );
  };
  return (
    <nav className="section-nav" aria-label="Sections">
      <button type="button" className={`nav-section${selected === '' ? ' is-selected' : ''}`} aria-pressed={selected === ''} onClick={() => onSelect('')}>
        <span className="nav-title">All sections</span>
      </button>
      {render(documentRoot(runbook, index, withItems))}
    </nav>
  );
});

/** The document's own title heading wraps everything: list its children instead of one lone entry. */
function documentRoot(runbook: Runbook, index: ChecklistIndex, withItems: (section: Section) => boolean): string | null {
  const roots = (index.subsections.get(null) ?? []).filter(withItems);
  return roots.length === 1 && roots[0]!.title === runbook.title ? roots[0]!.id : null;
}
