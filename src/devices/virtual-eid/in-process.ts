import { CardPulledError, type VirtualEidCard } from './card';

/**
 * A `transmit` straight into the card's command handler, for the twin tests of the APDU logic.
 * A pulled card gives an empty response, which is what pcscd + vpcd hand back (measured: no
 * PC/SC error, zero bytes) when the card vanishes mid-command.
 */
export function inProcessTransmit(card: VirtualEidCard): (apdu: Uint8Array) => Promise<Uint8Array> {
  if (!card.isPowered) card.powerOn();
  return async (apdu) => {
    try {
      return card.transmit(apdu);
    } catch (error) {
      if (error instanceof CardPulledError) return new Uint8Array(0);
      throw error;
    }
  };
}
