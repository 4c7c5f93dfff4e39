import { useEffect, useState } from 'react';
import { EnvironmentBadge } from './components/EnvironmentBadge';
import { Notices } from './components/Notices';
import { ShortcutSheet } from './components/ShortcutSheet';
import { TopBar } from './components/TopBar';
import { navigate, useRoute } from './router';
import { useAppStore } from './store/appStore';
import { SessionsView } from './views/SessionsView';
import { DemoBanner } from './features/demo/DemoBanner';
import { SessionScreen } from './features/session/SessionScreen';
import { SshPrompts } from './features/steps/SshPrompts';
import { MetricsGlance } from './features/metrics/MetricsGlance';
import { WallView } from './features/timeline/WallView';
import type { RendererTransport } from './api/transports';

export function App({ transport }: { transport: RendererTransport }) {
  const route = useRoute();
  const loadWorkspace = useAppStore((s) => s.loadWorkspace);
  const loadSessions = useAppStore((s) => s.loadSessions);
  const setConnection = useAppStore((s) => s.setConnection);
  const resync = useAppStore((s) => s.resync);
  const onPushed = useAppStore((s) => s.onPushed);
  const current = useAppStore((s) => s.current);
  const [ready, setReady] = useState(false);
  const seatSessionId = useAppStore((s) => s.workspace?.seat?.sessionId ?? null);
  // A seat was invited to one session: its link opens that session, not the workspace's list.
  useEffect(() => {
    if (seatSessionId && route.name === 'sessions') navigate({ name: 'session', sessionId: seatSessionId, mode: 'work' });
  }, [seatSessionId, route.name]);

  useEffect(() => {
    void Promise.all([loadWorkspace(), loadSessions()]).then(() => setReady(true));
  }, [loadWorkspace, loadSessions]);

  useEffect(() => transport.subscribe(onPushed), [transport, onPushed]);

  useEffect(
    () =>
      transport.onConnection((state) => {
        setConnection(state);
        // Back after a drop: events may have been missed, so re-read what is on screen.
        if (state === 'open') void resync();
      }),
    [transport, setConnection, resync],
  );

  useEffect(() => {
    // The marker end-to-end tests wait on instead of sleeping.
    document.documentElement.dataset.appReady = String(ready);
  }, [ready]);

  const production = route.name === 'session' && current?.session.environment === 'production';
  if (route.name === 'session' && route.mode === 'wall') {
    return (
      <div className={`app${production ? ' app-production' : ''}`}>
        <DemoBanner />
        <Notices />
        <WallView sessionId={route.sessionId} live={current?.runbook ? <MetricsGlance runbook={current.runbook} sessionId={route.sessionId} large /> : null} />
      </div>
    );
  }
  return (
    <div className={`app${production ? ' app-production' : ''}`}>
      <TopBar>{route.name === 'session' && current && <EnvironmentBadge environment={current.session.environment} />}</TopBar>
      <DemoBanner />
      <Notices />
      <SshPrompts />
      <ShortcutSheet />
      {route.name === 'session' ? <SessionScreen key={`${route.sessionId}-${route.mode}`} sessionId={route.sessionId} mode={route.mode} /> : <SessionsView />}
    </div>
  );
}
