import { useState } from 'react';
import { EnvironmentBadge } from '../components/EnvironmentBadge';
import { formatUtc } from '../format';
import { hrefOf } from '../router';
import { useAppStore } from '../store/appStore';
import { NewSessionForm } from './NewSessionForm';
import { OpenSessionFile } from './OpenSessionFile';

export function SessionsView() {
  const sessions = useAppStore((s) => s.sessions);
  const loaded = useAppStore((s) => s.sessionsLoaded);
  const canWrite = useAppStore((s) => s.workspace?.access === 'write');
  const [creating, setCreating] = useState(false);

  return (
    <main className="sessions-view">
      <div className="view-header">
        <h1>Sessions</h1>
        {canWrite && !creating && (
          <div className="view-actions">
            <OpenSessionFile />
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              New session
            </button>
          </div>
        )}
      </div>
      {creating && <NewSessionForm onDone={() => setCreating(false)} />}
      {loaded && sessions.length === 0 && !creating && (
        <p className="empty">No sessions yet. Create one for your next launch or rehearsal.</p>
      )}
      {sessions.length > 0 && (
        <table className="sessions-table" aria-label="Sessions">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Environment</th>
              <th scope="col">T0</th>
              <th scope="col">Created</th>
              <th scope="col">Events</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  <a href={hrefOf({ name: 'session', sessionId: session.id, mode: 'work' })}>{session.name}</a>
                  {session.readOnly && <span className="tag">read-only</span>}
                  {session.origin === 'imported' && <span className="tag">imported</span>}
                </td>
                <td>
                  <EnvironmentBadge environment={session.environment} />
                </td>
                <td className="mono">{formatUtc(session.t0, false)}</td>
                <td>
                  <span className="mono">{formatUtc(session.createdAt, false)}</span>
                  <span className="muted"> by {session.createdBy.name}</span>
                </td>
                <td className="mono">{session.eventCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
