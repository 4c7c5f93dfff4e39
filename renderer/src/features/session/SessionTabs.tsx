// The session's views as an ARIA tab list (arrow keys move between tabs).
import { useEffect, type KeyboardEvent } from 'react';
import { isTypingTarget } from '../../components/ShortcutSheet';

export type SessionTab = 'run' | 'checklist' | 'steps' | 'runbook' | 'metrics' | 'notify' | 'warroom';

const ALL_TABS: Array<{ id: SessionTab; label: string }> = [
  { id: 'run', label: 'Run' },
  { id: 'checklist', label: 'Checklist' },
  { id: 'steps', label: 'Steps' },
  { id: 'runbook', label: 'Runbook' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'notify', label: 'Notifications' },
  { id: 'warroom', label: 'War room' },
];

/** `withWarRoom`: the IC's console only (a seat or a viewer cannot manage seats). */
export function SessionTabs({ current, onChange, withWarRoom }: { current: SessionTab; onChange: (tab: SessionTab) => void; withWarRoom: boolean }) {
  const TABS = withWarRoom ? ALL_TABS : ALL_TABS.filter((tab) => tab.id !== 'warroom');
  // Digits switch tabs from anywhere, except while typing or in a dialog.
  useEffect(() => {
    const onDigit = (event: globalThis.KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const tab = TABS[Number(event.key) - 1];
      if (!/^[1-9]$/.test(event.key) || !tab) return;
      event.preventDefault();
      onChange(tab.id);
    };
    window.addEventListener('keydown', onDigit);
    return () => window.removeEventListener('keydown', onDigit);
  }, [onChange, TABS]);
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((tab) => tab.id === current);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    onChange(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }
  return (
    <div className="session-tabs" role="tablist" aria-label="Session views" onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          aria-selected={current === tab.id}
          aria-controls={`panel-${tab.id}`}
          tabIndex={current === tab.id ? 0 : -1}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
