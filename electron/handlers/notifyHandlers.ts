// Notification settings and the test send. Targets are logged as a whole list (notify.targetsSet);
// each URL goes to the session's secret store under its own name, logged by name only.
import { ApiError } from '../../shared/api/errors';
import type { NotifyTarget } from '../../shared/log/notifyEvents';
import { NOTIFY_RULES } from '../../shared/log/notifyEvents';
import { commsTemplates, DEFAULT_TEMPLATES, RULE_LABELS, RULE_VARS } from '../../shared/notify/messages';
import type { ApiHandlers } from '../core/router';
import type { Notifier } from '../notify/notifier';
import type { HandlerContext } from './context';

type NotifyCallName = 'getNotifySettings' | 'saveNotifyTarget' | 'removeNotifyTarget' | 'sendTestNotification';

export const urlSecretName = (targetId: string) => `NOTIFY_URL_${targetId.toUpperCase().replace(/-/g, '_')}`;

function idFrom(name: string, taken: ReadonlySet<string>): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'target';
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  return id;
}

export function notifyHandlers(context: HandlerContext, notifier: Notifier, secretSource: 'session' | 'keychain'): Pick<ApiHandlers, NotifyCallName> {
  const { states, writer, workspace, secrets } = context;

  function targetsOf(sessionId: string): NotifyTarget[] {
    const state = states.get(sessionId);
    if (!state) throw new ApiError('not_found', `No session ${sessionId} in this workspace.`);
    return state.notify.targets;
  }

  const head = (sessionId: string) => workspace.log.head(sessionId)!;

  return {
    getNotifySettings: ({ sessionId }) => ({
      targets: targetsOf(sessionId).map((t) => ({ ...t, urlSet: secrets.get(sessionId, t.urlSecret) !== null })),
      rules: NOTIFY_RULES.map((rule) => ({ rule, label: RULE_LABELS[rule], vars: RULE_VARS[rule], defaultTemplate: DEFAULT_TEMPLATES[rule] })),
      commsTemplates: commsTemplates(states.runbook(sessionId)),
    }),

    saveNotifyTarget: ({ sessionId, actor, target, url }) => {
      writer.assertWritable(sessionId);
      const current = targetsOf(sessionId);
      const existing = target.id ? current.find((t) => t.id === target.id) : undefined;
      if (target.id && !existing) throw new ApiError('not_found', `This session has no notification target ${target.id}.`);
      if (!existing && !url) throw new ApiError('invalid_input', 'A new target needs its webhook URL.', [{ path: 'url', message: 'required for a new target' }]);
      if (!existing && current.length >= 20) throw new ApiError('invalid_input', 'A session has at most 20 notification targets.');
      const id = existing?.id ?? idFrom(target.name, new Set(current.map((t) => t.id)));
      const saved: NotifyTarget = { id, name: target.name, kind: target.kind, urlSecret: urlSecretName(id), rules: target.rules, templates: target.templates };
      const list = existing ? current.map((t) => (t.id === id ? saved : t)) : [...current, saved];
      const events = writer.write(sessionId, actor, [
        ...(url ? [{ type: 'secrets.provided' as const, payload: { names: [saved.urlSecret], source: secretSource } }] : []),
        { type: 'notify.targetsSet', payload: { targets: list } },
      ]);
      if (url) secrets.set(sessionId, saved.urlSecret, url);
      const last = events.at(-1) ?? head(sessionId);
      return { changed: events.length > 0, seq: last.seq, hash: last.hash, targetId: id };
    },

    removeNotifyTarget: ({ sessionId, actor, targetId }) => {
      writer.assertWritable(sessionId);
      const current = targetsOf(sessionId);
      const target = current.find((t) => t.id === targetId);
      if (!target) throw new ApiError('not_found', `This session has no notification target ${targetId}.`);
      const events = writer.write(sessionId, actor, [
        { type: 'notify.targetsSet', payload: { targets: current.filter((t) => t.id !== targetId) } },
        { type: 'secrets.forgotten', payload: { names: [target.urlSecret] } },
      ]);
      secrets.forget(sessionId, target.urlSecret);
      const last = events.at(-1)!;
      return { changed: true, seq: last.seq, hash: last.hash };
    },

    sendTestNotification: ({ sessionId, actor, targetId }) => {
      writer.assertWritable(sessionId);
      const target = targetsOf(sessionId).find((t) => t.id === targetId);
      if (!target) throw new ApiError('not_found', `This session has no notification target ${targetId}.`);
      // Who asked for the test is in the log (an actor change when someone else is at the keyboard).
      writer.write(sessionId, actor, []);
      notifier.sendTest(sessionId, target);
      return { queued: true as const };
    },
  };
}
