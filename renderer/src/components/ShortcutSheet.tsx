// `?` shows every keyboard shortcut: the console is meant to be driven from the keyboard.
import { useEffect, useState } from 'react';
import { Dialog } from './Dialog';

export const SHORTCUTS: Array<{ keys: string; what: string; where: string }> = [
  { keys: '?', what: 'Show this sheet', where: 'anywhere' },
  { keys: '1 … 6', what: 'Switch session tab (Run, Checklist, Steps, Metrics, Runbook …)', where: 'session' },
  { keys: 'j / k', what: 'Next / previous checklist item', where: 'Checklist' },
  { keys: 'Space', what: 'Tick or untick the focused item', where: 'Checklist' },
  { keys: 'n', what: 'Add a note to the focused item', where: 'Checklist' },
  { keys: 'h', what: "Show the focused item's history", where: 'Checklist' },
  { keys: '/', what: 'Search items', where: 'Checklist' },
  { keys: 'Esc', what: 'Close a dialog, clear the search', where: 'anywhere' },
  { keys: '← / →', what: 'Move between tabs when a tab has focus', where: 'session' },
  { keys: 'Enter', what: 'Open the focused step on the timeline strip', where: 'Run' },
];

export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  if (element.isContentEditable || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  return element.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((element as HTMLInputElement).type);
}

export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <Dialog title="Keyboard shortcuts" open onClose={() => setOpen(false)}>
      <table className="shortcuts" aria-label="Keyboard shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.what}</td>
              <td className="muted">{shortcut.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => setOpen(false)} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
