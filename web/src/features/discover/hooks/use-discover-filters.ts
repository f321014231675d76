import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

import { readFilters, writeFilters, type DiscoverFilters } from "../utils/filters";

/** The filters in the address bar, and a way to change some of them (replacing the entry, so Back leaves the page). */
export function useDiscoverFilters(): { filters: DiscoverFilters; update: (patch: Partial<DiscoverFilters>) => void } {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const update = useCallback(
    (patch: Partial<DiscoverFilters>) => {
      setParams((current) => writeFilters({ ...readFilters(current), ...patch }), { replace: true, preventScrollReset: true });
    },
    [setParams],
  );
  return { filters, update };
}
