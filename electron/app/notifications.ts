// Native desktop notifications for what the metrics monitor logs: an alert raised or the decision
// level going up. They come from committed log events (so a notification never announces something
// the log does not hold), and clicking one brings the console window to the front.
import { Notification, type BrowserWindow } from 'electron';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { EventHub } from '../core/eventHub';
import { notificationFor } from '../metrics/alertNotifications';

export function showMetricNotifications(hub: EventHub, window: () => BrowserWindow | null): () => void {
  if (!Notification.isSupported()) return () => undefined;
  // Electron drops the click handler of a notification that was garbage-collected: keep each one
  // until it is closed.
  const shown = new Set<Notification>();
  const focus = () => {
    const target = window();
    if (!target || target.isDestroyed()) return;
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
  };
  const unsubscribe = hub.subscribe((message) => {
    if (message.event !== 'log.appended') return;
    const content = notificationFor(message.payload.event as LoggedEvent);
    if (!content) return;
    const notification = new Notification({ title: content.title, body: content.body, urgency: content.urgent ? 'critical' : 'normal' });
    shown.add(notification);
    notification.on('click', focus);
    notification.on('close', () => shown.delete(notification));
    notification.show();
  });
  return () => {
    unsubscribe();
    for (const notification of shown) notification.close();
    shown.clear();
  };
}
