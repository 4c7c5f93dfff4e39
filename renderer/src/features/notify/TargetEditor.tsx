// One notification target: its name, kind, URL (write-only: typed in a password field, never shown
// back), each rule on or off with its message template, and Save / Send test / Remove.
import { useId, useState, type FormEvent } from 'react';
import type { NotifyRule } from '../../../../shared/log/notifyEvents';
import type { NotifySettings, NotifyTargetInput } from '../../store/notifySlice';

type Target = NotifySettings['targets'][number];

export interface TargetEditorProps {
  settings: NotifySettings;
  target: Target | null;
  readOnly: boolean;
  onSave: (target: NotifyTargetInput, url: string | null) => Promise<boolean>;
  onTest?: () => void;
  onRemove?: () => void;
}

const allOn = (settings: NotifySettings) => Object.fromEntries(settings.rules.map((r) => [r.rule, true])) as Record<NotifyRule, boolean>;

export function TargetEditor({ settings, target, readOnly, onSave, onTest, onRemove }: TargetEditorProps) {
  const id = useId();
  const [name, setName] = useState(target?.name ?? '');
  const [kind, setKind] = useState<'slack' | 'webhook'>(target?.kind ?? 'slack');
  const [url, setUrl] = useState('');
  const [rules, setRules] = useState<Record<NotifyRule, boolean>>(target?.rules ?? allOn(settings));
  const [templates, setTemplates] = useState<Partial<Record<NotifyRule, string>>>(target?.templates ?? { ...settings.commsTemplates });
  const [busy, setBusy] = useState(false);
  const isNew = target === null;
  const canSave = !readOnly && !busy && name.trim() !== '' && (!isNew || url.trim() !== '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSave) return;
    setBusy(true);
    const cleaned = Object.fromEntries(Object.entries(templates).filter(([, t]) => t && t.trim() !== '')) as Partial<Record<NotifyRule, string>>;
    const saved = await onSave({ id: target?.id, name: name.trim(), kind, rules, templates: cleaned }, url.trim() || null);
    setBusy(false);
    if (saved) {
      setUrl('');
      if (isNew) {
        setName('');
        setRules(allOn(settings));
      }
    }
  }

  return (
    <form className="notify-target panel" aria-label={isNew ? 'New notification target' : `Target ${target.name}`} onSubmit={submit}>
      <div className="row">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} disabled={readOnly} placeholder="War room channel" maxLength={100} />
        </label>
        <fieldset className="inline-choices">
          <legend>Kind</legend>
          <label className="inline">
            <input type="radio" name={`${id}-kind`} checked={kind === 'slack'} onChange={() => setKind('slack')} disabled={readOnly} />
            Slack-compatible incoming webhook
          </label>
          <label className="inline">
            <input type="radio" name={`${id}-kind`} checked={kind === 'webhook'} onChange={() => setKind('webhook')} disabled={readOnly} />
            Generic JSON webhook
          </label>
        </fieldset>
      </div>
      <label>
        Webhook URL {isNew ? '' : target.urlSet ? '(set — type a new one to replace it)' : '(NOT SET in this console — type it again)'}
        <input type="password" value={url} onChange={(e) => setUrl(e.target.value)} disabled={readOnly} autoComplete="off" spellCheck={false} placeholder="https://hooks.slack.com/services/…" />
      </label>
      <fieldset>
        <legend>Rules</legend>
        {settings.rules.map((r) => (
          <div key={r.rule} className="notify-rule">
            <label className="inline">
              <input type="checkbox" checked={rules[r.rule]} onChange={(e) => setRules({ ...rules, [r.rule]: e.target.checked })} disabled={readOnly} />
              {r.label}
            </label>
            {rules[r.rule] && (
              <label className="notify-template">
                <span className="muted">
                  Message for {r.label.toLowerCase()} — {r.vars.map((v) => `{{${v}}}`).join(' ')}
                </span>
                <input
                  value={templates[r.rule] ?? ''}
                  onChange={(e) => setTemplates({ ...templates, [r.rule]: e.target.value })}
                  placeholder={r.defaultTemplate}
                  disabled={readOnly}
                  maxLength={2000}
                />
              </label>
            )}
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={!canSave}>
          {busy ? 'Saving…' : isNew ? 'Add target' : 'Save'}
        </button>
        {onTest && (
          <button type="button" onClick={onTest} disabled={readOnly}>
            Send test
          </button>
        )}
        {onRemove && (
          <button type="button" className="danger" onClick={onRemove} disabled={readOnly}>
            Remove
          </button>
        )}
      </div>
    </form>
  );
}
