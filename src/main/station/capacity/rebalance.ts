import { planRebalance, type RebalanceOptions, type StationCapacityView } from '../../../domain/booking/rebalance';
import type { AcceptResult, TransferRecord } from './capacity';

/**
 * One station as another sees it while they can talk: over loopback HTTP this is the
 * `capacity.view`, `capacity.release` and `capacity.accept` methods.
 */
export interface CapacityPeer {
  stationId: string;
  view(range: { from: string; to: string }): Promise<StationCapacityView>;
  release(transfers: { slotId: string; unit: number; from: string; to: string }[]): Promise<TransferRecord[]>;
  accept(records: TransferRecord[]): Promise<AcceptResult>;
}

export interface RebalanceOutcome {
  planned: number;
  released: TransferRecord[];
  /** Releases whose receiver could not be reached: deliver them later (`releasedTransfers`). */
  undelivered: TransferRecord[];
  accepted: number;
}

/**
 * Rebalances free capacity between the stations that can currently reach each other. Each giver
 * first commits its releases (phase one); only records it returned travel to their receivers
 * (phase two). A giver or receiver that drops out in between leaves units in flight, owned by
 * nobody: capacity is lost for a while, never double-booked. Every station of the group also
 * learns of every move, so their views stay right.
 */
export async function rebalanceConnected(peers: readonly CapacityPeer[], range: { from: string; to: string }, options: RebalanceOptions = {}): Promise<RebalanceOutcome> {
  const views: StationCapacityView[] = [];
  const reachable: CapacityPeer[] = [];
  for (const peer of peers) {
    try {
      views.push(await peer.view(range));
      reachable.push(peer);
    } catch {
      // Not reachable now: it keeps its units.
    }
  }
  const transfers = planRebalance(views, options);
  const released: TransferRecord[] = [];
  for (const peer of reachable) {
    const mine = transfers.filter((t) => t.from === peer.stationId);
    if (mine.length === 0) continue;
    try {
      released.push(...(await peer.release(mine)));
    } catch {
      // Unknown whether it committed: its own releasedTransfers() will tell at the next round.
    }
  }
  const undelivered: TransferRecord[] = [];
  let accepted = 0;
  for (const peer of reachable) {
    const forPeer = released.filter((r) => r.to === peer.stationId);
    try {
      // Everyone learns every move; only the receiver takes ownership.
      const r = await peer.accept(released);
      accepted += r.accepted;
    } catch {
      undelivered.push(...forPeer);
    }
  }
  return { planned: transfers.length, released, undelivered, accepted };
}
