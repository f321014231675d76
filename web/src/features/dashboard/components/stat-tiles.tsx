import { formatNumber, formatRate } from "@/lib/format";

import type { Figures } from "../api/get-stats";

// The period's headline figures, large.

export function StatTiles({ totals }: { totals: Figures }) {
  const tiles = [
    { label: "Views", value: formatNumber(totals.views), hint: "times travellers saw your coupons" },
    { label: "Claims", value: formatNumber(totals.redemptions), hint: "codes travellers took" },
    { label: "Uses", value: formatNumber(totals.uses), hint: "codes used at your desk" },
    { label: "Claim rate", value: formatRate(totals.redemptions, totals.views), hint: "claims per view" },
    { label: "Use rate", value: formatRate(totals.uses, totals.redemptions), hint: "uses per claim" },
  ];
  return (
    <dl className="stat-tiles">
      {tiles.map((tile) => (
        <div key={tile.label} className="stat-tile">
          <dt>{tile.label}</dt>
          <dd className="stat-value">{tile.value}</dd>
          <dd className="stat-hint">{tile.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
