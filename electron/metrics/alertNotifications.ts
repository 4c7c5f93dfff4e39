// What a desktop notification says about a committed metrics event: an alert raised, or the
// decision level going up. The title names the metric or the level, the body the value and the
// threshold. Pure (no Electron), so the wording is tested in plain Node.
import type { LoggedEvent } from '../../shared/log/eventTypes';
import { fromJsonNumber, type JsonNumber } from '../../shared/log/metricsEvents';
import { formatValue } from '../../shared/metrics/units';

export interface NotificationContent {
  title: string;
  body: string;
  /** A page or a critical level: shown as urgent where the OS supports it. */
  urgent: boolean;
}

const SEVERITY_WORD = { warning: 'Warning', escalate: 'Escalate', page: 'Page' } as const;

function valueText(value: JsonNumber, unit: string | null): string {
  const number = fromJsonNumber(value);
  return number === null ? 'no data' : formatValue(number, unit);
}

export function notificationFor(event: LoggedEvent): NotificationContent | null {
  if (event.type === 'metrics.alertRaised') {
    const alert = event.payload;
    return {
      title: `${SEVERITY_WORD[alert.severity]}: ${alert.metric} ${valueText(alert.value, alert.unit)}`,
      body: `Threshold ${alert.threshold}${alert.action ? ` — ${alert.action}` : ''}`,
      urgent: alert.severity === 'page',
    };
  }
  if (event.type === 'metrics.levelChanged' && event.payload.to > event.payload.from) {
    const change = event.payload;
    const cause = change.why[0];
    const heading = `Level ${change.to}${change.title ? `: ${change.title}` : ''}${change.verdict ? ` — ${change.verdict}` : ''}`;
    const body = cause?.metric
      ? `${cause.metric} ${valueText(cause.value, cause.unit)} (threshold ${cause.threshold ?? cause.text})${change.why.length > 1 ? ` and ${change.why.length - 1} more` : ''}`
      : change.reason;
    return { title: heading, body, urgent: change.to >= 3 };
  }
  return null;
}
