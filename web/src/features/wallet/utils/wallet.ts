import type { Redemption } from "@/types/api";

// The wallet as three lists, from the three pages the server sends and what the live socket said since. A claim can
// show up in two lists while they refresh one after the other (ready, then used); the later state wins.

export interface WalletLists {
  ready: Redemption[];
  used: Redemption[];
  cancelled: Redemption[];
}

/** Redemptions the desk used, as the live socket told us (id → when), before the lists are fetched again. */
export type LiveUses = ReadonlyMap<string, string>;

const settled = (redemption: Redemption) => redemption.status !== "redeemed";

function newestFirst(at: (redemption: Redemption) => string | null) {
  return (a: Redemption, b: Redemption) => (at(b) ?? b.redeemed_at).localeCompare(at(a) ?? a.redeemed_at);
}

export function buildWallet(lists: WalletLists, liveUses: LiveUses = new Map()): WalletLists {
  const byId = new Map<string, Redemption>();
  for (const redemption of [...lists.ready, ...lists.used, ...lists.cancelled]) {
    const known = byId.get(redemption.id);
    if (known === undefined || (settled(redemption) && !settled(known))) byId.set(redemption.id, redemption);
  }
  for (const [id, usedAt] of liveUses) {
    const known = byId.get(id);
    if (known?.status === "redeemed") byId.set(id, { ...known, status: "used", used_at: usedAt });
  }

  const all = [...byId.values()];
  return {
    ready: all.filter((r) => r.status === "redeemed").sort(newestFirst((r) => r.redeemed_at)),
    used: all.filter((r) => r.status === "used").sort(newestFirst((r) => r.used_at)),
    cancelled: all.filter((r) => r.status === "cancelled").sort(newestFirst((r) => r.cancelled_at)),
  };
}
