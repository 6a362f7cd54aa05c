import type { messagesMethods } from '../../../shared/api/messages';
import type { StationContext } from '../base/context';
import { actorLabel, type HandlersFor } from '../base/handlers';
import type { StatusProviders } from '../shell/status';
import { contactView, resolve, setContact, toSummary } from './messages';
import { listMessages } from './store';
import { configuredChannels } from './queue';
import { startMessagesService, type MessagesService, type MessagesServiceOptions } from './service';

const services = new WeakMap<StationContext, MessagesService>();

/** The running message service of a station, once started (tools and tests wait on its worker). */
export function messagesServiceOf(ctx: StationContext): MessagesService | undefined {
  return services.get(ctx);
}

/** Stops the worker: a message being handed over is finished first. */
export async function closeMessages(ctx: StationContext): Promise<void> {
  await services.get(ctx)?.worker.stop();
}

/** Citizen messages: their status, the list staff settle, and check-in's contact and consent. */
export function messagesHandlers(ctx: StationContext, providers: StatusProviders, options: MessagesServiceOptions & { service?: MessagesService }): HandlersFor<typeof messagesMethods> {
  const service = options.service ?? startMessagesService(ctx, options);
  services.set(ctx, service);
  const { worker } = service;
  const channels = () => configuredChannels(ctx.settings.get().messages);
  providers.messages = () => {
    const counts = worker.counts();
    return { configured: channels().length > 0, waiting: counts.waiting, uncertain: counts.uncertain };
  };
  return {
    'messages.status': () => ({ ...worker.counts(), channels: channels() }),
    'messages.list': ({ states, limit }) => listMessages(ctx.db, { states: states ?? null, limit: limit ?? 100 }).map(toSummary),
    'messages.resolve': ({ messageId, action }, call) => {
      const row = resolve(ctx.db, { id: messageId, action, by: actorLabel(call), now: ctx.clock.now() });
      if (action === 'resend') setImmediate(() => worker.retryNow());
      return toSummary(row);
    },
    'messages.setContact': (a) => setContact(ctx.db, { ...a, now: ctx.clock.now() }, channels()),
    'messages.contact': ({ ssin }) => contactView(ctx.db, ssin, channels()),
  };
}
