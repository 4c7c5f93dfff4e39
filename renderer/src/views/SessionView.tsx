import { useEffect } from 'react';
import { EnvironmentBadge } from '../components/EnvironmentBadge';
import { formatUtc } from '../format';
import { useAppStore } from '../store/appStore';

export function SessionView({ sessionId }: { sessionId: string }) {
  const session = useAppStore((s) => (s.current?.id === sessionId ? s.current : null));
  const error = useAppStore((s) => s.currentError);
  const openSession = useAppStore((s) => s.openSession);
  const closeCurrent = useAppStore((s) => s.closeCurrent);

  useEffect(() => {
    void openSession(sessionId);
    return closeCurrent;
  }, [sessionId, openSession, closeCurrent]);

  if (error) {
    return (
      <main className="session-view">
        <p role="alert" className="error-text">
          {error}
        </p>
        <a href="#/">Back to sessions</a>
      </main>
    );
  }
  if (!session) return <main className="session-view" aria-busy="true" />;

  return (
    <main className="session-view">
      <div className="view-header">
        <h1>{session.name}</h1>
        <EnvironmentBadge environment={session.environment} large />
        {session.readOnly && <span className="tag tag-readonly">READ-ONLY</span>}
      </div>
      <dl className="facts">
        <dt>T0</dt>
        <dd className="mono">{formatUtc(session.t0)}</dd>
        <dt>Created</dt>
        <dd>
          <span className="mono">{formatUtc(session.createdAt)}</span> by {session.createdBy.name}
          {session.createdBy.role ? ` (${session.createdBy.role})` : ''}
        </dd>
        <dt>Log</dt>
        <dd className="mono">
          {session.eventCount} events · head {session.headHash.slice(0, 16)}…
        </dd>
      </dl>
    </main>
  );
}
