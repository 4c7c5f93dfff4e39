// Every notification sent or tried, newest first, from the log: target, rule, attempts, the last
// status code and the outcome. Failures are named, never hidden.
import type { DeliveryState } from '../../../../shared/session/notifyState';
import { RULE_LABELS } from '../../../../shared/notify/messages';

const OUTCOME = { sent: 'sent', retrying: 'retrying…', failed: 'FAILED' } as const;

export function DeliveriesTable({ deliveries }: { deliveries: readonly DeliveryState[] }) {
  if (deliveries.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <table className="notify-deliveries" aria-label="Notification deliveries">
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          <th scope="col">Target</th>
          <th scope="col">Rule</th>
          <th scope="col">Attempts</th>
          <th scope="col">Status</th>
          <th scope="col">Outcome</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {[...deliveries].reverse().map((d) => (
          <tr key={d.deliveryId} className={`delivery-${d.outcome}`}>
            <td className="mono">{d.lastAt.slice(11, 19)}</td>
            <th scope="row">{d.targetName}</th>
            <td>{d.rule === 'test' ? 'test' : RULE_LABELS[d.rule]}</td>
            <td>{d.attempts}</td>
            <td className="mono">{d.status ?? 'no answer'}</td>
            <td className={d.outcome === 'failed' ? 'error-text' : d.outcome === 'sent' ? 'ok-text' : 'warn-text'}>
              {OUTCOME[d.outcome]}
              {d.error && d.outcome !== 'sent' ? ` — ${d.error}` : ''}
            </td>
            <td className="notify-text">{d.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
