/**
 * Capacity escrow: each slot's capacity is a set of numbered units, each owned by one station.
 * A station books only units it owns, so stations that cannot reach each other can never book the
 * same seat twice. Rebalancing moves FREE units between connected stations; this module only
 * decides which units should move. Moving one is two-phase (see capacity.ts in the station): the
 * giver commits the release first, the receiver takes the unit only after it has seen that
 * commit, so at no moment do two stations both believe they may book the unit.
 */
export interface StationSlotView {
  slotId: string;
  /** Units this station owns in the slot (its own, authoritative view). */
  owned: number[];
  /** Owned units that carry an active booking at this station. */
  booked: number[];
}

export interface StationCapacityView {
  stationId: string;
  slots: StationSlotView[];
}

export interface UnitTransfer {
  slotId: string;
  unit: number;
  from: string;
  to: string;
}

export interface RebalanceOptions {
  /**
   * Relative share of free capacity each station should hold (default 1 each). A station that
   * closes gets 0 and hands all its free units to the others; a busy line can get more.
   */
  weights?: Record<string, number>;
}

/**
 * Given the union of the views of the stations that can currently reach each other, the unit
 * transfers that spread each slot's FREE units according to the weights. A unit is only proposed
 * by the station that owns it and only if that station reports it free; booked units never move.
 */
export function planRebalance(views: readonly StationCapacityView[], options: RebalanceOptions = {}): UnitTransfer[] {
  const stations = [...views].sort((a, b) => a.stationId.localeCompare(b.stationId));
  const weightOf = (id: string) => Math.max(0, options.weights?.[id] ?? 1);
  const totalWeight = stations.reduce((sum, s) => sum + weightOf(s.stationId), 0);
  if (stations.length < 2 || totalWeight <= 0) return [];

  const freeBySlot = new Map<string, Map<string, number[]>>();
  for (const station of stations) {
    for (const slot of station.slots) {
      const booked = new Set(slot.booked);
      const free = [...new Set(slot.owned)].filter((u) => !booked.has(u)).sort((a, b) => a - b);
      let perStation = freeBySlot.get(slot.slotId);
      if (!perStation) freeBySlot.set(slot.slotId, (perStation = new Map()));
      perStation.set(station.stationId, free);
    }
  }

  const transfers: UnitTransfer[] = [];
  for (const slotId of [...freeBySlot.keys()].sort()) {
    const perStation = freeBySlot.get(slotId)!;
    const free = stations.map((s) => perStation.get(s.stationId) ?? []);
    const total = free.reduce((sum, f) => sum + f.length, 0);
    const targets = apportion(total, stations.map((s) => weightOf(s.stationId)));
    const surplus: { station: string; units: number[] }[] = [];
    const deficit: { station: string; missing: number }[] = [];
    stations.forEach((s, i) => {
      const diff = free[i]!.length - targets[i]!;
      // Give away the highest-numbered free units, keep the low ones (which are booked first).
      if (diff > 0) surplus.push({ station: s.stationId, units: free[i]!.slice(free[i]!.length - diff).reverse() });
      if (diff < 0) deficit.push({ station: s.stationId, missing: -diff });
    });
    for (const need of deficit) {
      while (need.missing > 0) {
        const giver = surplus.find((g) => g.units.length > 0);
        if (!giver) break;
        transfers.push({ slotId, unit: giver.units.shift()!, from: giver.station, to: need.station });
        need.missing--;
      }
    }
  }
  return transfers;
}

/** Largest-remainder split of `total` whole units by weight; ties go to the earlier station. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map((x) => Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (weights[i]! <= 0) continue;
    out[i]!++;
    left--;
  }
  return out;
}

/**
 * How a fresh slot's units are first split between stations: unit u goes to the station at
 * position (u mod n) weighted by `apportion`, interleaved so that every station owns units spread
 * over the slot's unit numbers. Deterministic: every station computes the same split.
 */
export function initialSplit(capacity: number, stationIds: readonly string[], weights?: Record<string, number>): Map<number, string> {
  const ids = [...stationIds];
  const counts = apportion(capacity, ids.map((id) => Math.max(0, weights?.[id] ?? 1)));
  const owners = new Map<number, string>();
  const left = [...counts];
  let unit = 0;
  while (unit < capacity) {
    let progressed = false;
    for (let i = 0; i < ids.length && unit < capacity; i++) {
      if (left[i]! > 0) {
        owners.set(unit++, ids[i]!);
        left[i]!--;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return owners;
}
