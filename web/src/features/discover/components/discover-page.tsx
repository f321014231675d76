import { useMemo } from "react";

import { PageHeader } from "@/components/ui";

import { useCouponSearch } from "../api/search-coupons";
import { useDiscoverFilters } from "../hooks/use-discover-filters";
import { countActiveFilters, EMPTY_FILTERS, toSearchQuery } from "../utils/filters";
import { DiscoverResults } from "./discover-results";
import { SearchPanel } from "./search-panel";

import "./discover.css";

export function DiscoverPage() {
  const { filters, update } = useDiscoverFilters();
  const query = useMemo(() => toSearchQuery(filters), [filters]);
  const search = useCouponSearch(query);

  return (
    <div className="discover">
      <title>Discover · Hotel Coupon</title>
      <PageHeader title="Discover" />
      <p className="muted discover-intro">Discounts from hotels, claimed in one tap and shown at the desk.</p>
      <SearchPanel filters={filters} onChange={update} />
      <DiscoverResults
        search={search}
        narrowed={filters.q.trim() !== "" || countActiveFilters(filters) > 0}
        onClear={() => update(EMPTY_FILTERS)}
      />
    </div>
  );
}
