// On every screen of the demo console: this is the demo, nothing touches real systems, and how to
// start a real session instead. Renders nothing in any other console.
import { useEffect } from 'react';
import { useAppStore } from '../../store/appStore';
import './demo.css';

export function DemoBanner() {
  const demo = useAppStore((s) => s.demo);
  const loadDemo = useAppStore((s) => s.loadDemo);
  const connection = useAppStore((s) => s.connection);

  // Asked at start and again after a reconnect (chaos may have changed while the events were lost).
  useEffect(() => {
    if (connection !== 'closed') void loadDemo();
  }, [connection, loadDemo]);

  if (!demo?.demo) return null;
  return (
    <aside className="demo-banner" aria-label="Demo launch">
      <strong className="demo-tag">DEMO</strong>
      <p>
        <strong>Demo launch — nothing here touches real systems.</strong> To start a real session: import your runbook via{' '}
        <em>New session</em> in <code>tminus serve</code> or <code>npm start</code>, which use your real workspace. This demo's folder is
        emptied the next time the demo starts.
      </p>
    </aside>
  );
}
