import type { CardReaderStatus as WireStatus, cardreaderMethods, CardReaderCardEvent } from '../../../shared/api/cardreader';
import { translate } from '../../../shared/i18n/translate';
import { CardReaderService, type CardOutcome, type CardReaderEvent } from '../../adapters/cardreader/card-reader-service';
import type { StationContext } from '../base/context';
import { awaiting, type HandlersFor } from '../base/handlers';
import type { StatusProviders } from '../shell/status';

const services = new WeakMap<StationContext, CardReaderService>();

export interface CardReaderWiringOptions {
  /** A service of the caller's own (tests); default: one on the PC/SC binding. */
  service?: CardReaderService;
}

/**
 * Card reading for the UI. The readers are opened on demand, when a screen first asks for
 * `cardreader.status` (the check-in screen does when it opens), so stations and tests that never
 * read cards never touch PC/SC. DOSEDESK_CARD_READER=off keeps it switched off.
 */
export function cardReaderHandlers(
  ctx: StationContext,
  providers: StatusProviders,
  options: CardReaderWiringOptions = {},
): HandlersFor<typeof cardreaderMethods> {
  const service =
    options.service ??
    new CardReaderService({ clock: ctx.clock, log: (line) => process.stderr.write(`[cardreader] ${line}\n`) });
  services.set(ctx, service);
  let started = false;
  const ensureStarted = async () => {
    if (started || process.env.DOSEDESK_CARD_READER === 'off') return;
    started = true;
    service.onCard((outcome) => publish(ctx, cardEvent(ctx, outcome)));
    service.onEvent((event) => {
      const wire = presenceEvent(event);
      if (wire) publish(ctx, wire);
    });
    await service.start();
  };
  providers.cardReader = () => {
    const { available, readers } = service.status();
    return { available, readers };
  };
  return {
    'cardreader.status': awaiting(async () => {
      await ensureStarted();
      return wireStatus(service);
    }),
  };
}

/** Stops the readers of a station (its close() calls this). */
export async function closeCardReader(ctx: StationContext): Promise<void> {
  const service = services.get(ctx);
  services.delete(ctx);
  await service?.stop();
}

function wireStatus(service: CardReaderService): WireStatus {
  const status = service.status();
  return { available: status.available, readers: status.readers, reason: status.available ? null : status.reason ?? 'stopped' };
}

function cardEvent(ctx: StationContext, outcome: CardOutcome): CardReaderCardEvent {
  if (outcome.ok) return { kind: 'reading', reading: outcome.reading };
  const { code, params } = outcome.error;
  const message = translate(ctx.settings.get().language, `error.${code}`, params);
  return { kind: 'error', readerName: outcome.readerName, atr: outcome.atr, error: { code, message, params } };
}

function presenceEvent(event: CardReaderEvent): CardReaderCardEvent | undefined {
  if (event.type === 'card-inserted') return { kind: 'inserted', readerName: event.readerName, atr: event.atr };
  if (event.type === 'card-removed') return { kind: 'removed', readerName: event.readerName };
  return undefined;
}

function publish(ctx: StationContext, event: CardReaderCardEvent): void {
  try {
    ctx.events.publish('cardreader.card', event);
  } catch (error) {
    process.stderr.write(`[cardreader] event not published: ${(error as Error).message}\n`);
  }
}
