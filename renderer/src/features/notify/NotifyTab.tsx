// Keep the room informed: the session's notification targets with their rules and templates, a
// test send per target, and every delivery with its attempts (failures stay visible here and in
// the status line above). Sending never blocks the console: the console retries on its own.
import { useEffect } from 'react';
import type { SessionState } from '../../../../shared/session/sessionState';
import { useAppStore } from '../../store/appStore';
import { DeliveriesTable } from './DeliveriesTable';
import { TargetEditor } from './TargetEditor';
import './notify.css';

export function NotifyTab({ sessionId, state, readOnly }: { sessionId: string; state: SessionState; readOnly: boolean }) {
  const loaded = useAppStore((s) => (s.notifySettings?.sessionId === sessionId ? s.notifySettings.settings : null));
  const load = useAppStore((s) => s.loadNotifySettings);
  const save = useAppStore((s) => s.saveNotifyTarget);
  const remove = useAppStore((s) => s.removeNotifyTarget);
  const test = useAppStore((s) => s.sendTestNotification);
  const targetsKey = JSON.stringify(state.notify.targets);
  useEffect(() => {
    void load(sessionId);
  }, [sessionId, load, targetsKey]);
  const failed = state.notify.deliveries.filter((d) => d.outcome === 'failed');

  return (
    <div className="notify-tab">
      <p role="status" className={failed.length ? 'error-text' : 'muted'}>
        {failed.length
          ? `${failed.length} notification${failed.length === 1 ? '' : 's'} could not be delivered — see the deliveries below.`
          : state.notify.targets.length
            ? `${state.notify.targets.length} target${state.notify.targets.length === 1 ? '' : 's'}; nothing failed.`
            : 'No notification targets: nobody outside the console is told anything.'}
      </p>
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {loaded.targets.map((t) => (
            <TargetEditor
              key={`${t.id}-${JSON.stringify(t)}`}
              settings={loaded}
              target={t}
              readOnly={readOnly}
              onSave={save}
              onTest={() => void test(t.id)}
              onRemove={() => void remove(t.id)}
            />
          ))}
          {!readOnly && <TargetEditor key={`new-${loaded.targets.length}`} settings={loaded} target={null} readOnly={readOnly} onSave={save} />}
        </>
      )}
      <section className="panel" aria-label="Deliveries">
        <h2>Deliveries</h2>
        <DeliveriesTable deliveries={state.notify.deliveries} />
      </section>
    </div>
  );
}
