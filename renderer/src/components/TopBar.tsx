import type { ReactNode } from 'react';
import { useAppStore } from '../store/appStore';
import { UtcClock } from './UtcClock';

export function TopBar({ children }: { children?: ReactNode }) {
  const connection = useAppStore((s) => s.connection);
  const workspace = useAppStore((s) => s.workspace);
  const now = useAppStore((s) => s.now);
  const presentation = useAppStore((s) => s.presentation);
  const setPresentation = useAppStore((s) => s.setPresentation);
  return (
    <header className="top-bar">
      <a className="brand" href="#/">
        T-Minus
      </a>
      <div className="top-bar-context">{children}</div>
      {workspace?.access === 'read' && <span className="viewer-badge">VIEW ONLY</span>}
      {connection !== 'open' && (
        <span className="connection-lost" role="status">
          {connection === 'connecting' ? 'Connecting…' : 'Live updates lost — reconnecting'}
        </span>
      )}
      <button
        type="button"
        className={`presentation-toggle${presentation ? ' is-on' : ''}`}
        aria-pressed={presentation}
        title="Hide scripts and command output for screen sharing"
        onClick={() => setPresentation(!presentation)}
      >
        {presentation ? 'Presentation mode: ON' : 'Presentation mode'}
      </button>
      <UtcClock now={now} />
    </header>
  );
}
