import type { ReactNode } from 'react';
import { useAppStore } from '../store/appStore';
import { UtcClock } from './UtcClock';

export function TopBar({ children }: { children?: ReactNode }) {
  const connection = useAppStore((s) => s.connection);
  const workspace = useAppStore((s) => s.workspace);
  const now = useAppStore((s) => s.now);
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
      <UtcClock now={now} />
    </header>
  );
}
