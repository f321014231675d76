// Discover's filters live in the address bar (so reload, back and a shared link keep them). These functions turn
// the query string into filters, filters back into a tidy query string, and filters into the API's search query.

export type SortOrder = "relevance" | "discount" | "newest" | "ending_soon";

export interface DiscoverFilters {
  q: string;
  city: string;
  hotel: string;
  minDiscount: number | null;
  validOn: string;
  /** null: the default for the search (relevance with words to search for, newest without). */
  sort: SortOrder | null;
}

export interface CouponSearchQuery {
  q?: string;
  city?: string;
  hotel?: string;
  min_discount?: number;
  valid_on?: string;
  sort?: SortOrder;
}

export const EMPTY_FILTERS: DiscoverFilters = { q: "", city: "", hotel: "", minDiscount: null, validOn: "", sort: null };

export const MIN_DISCOUNT_CHOICES = [10, 20, 30, 40, 50] as const;

const SORTS: readonly SortOrder[] = ["relevance", "discount", "newest", "ending_soon"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The sort order named by `value`, or null for anything else. */
export function toSort(value: string): SortOrder | null {
  return SORTS.find((sort) => sort === value) ?? null;
}

/** Reads the filters from a query string; anything malformed is ignored rather than sent to the server. */
export function readFilters(params: URLSearchParams): DiscoverFilters {
  const minDiscount = Number(params.get("min_discount") ?? "");
  const validOn = params.get("valid_on") ?? "";
  return {
    q: params.get("q") ?? "",
    city: params.get("city") ?? "",
    hotel: params.get("hotel") ?? "",
    minDiscount: Number.isInteger(minDiscount) && minDiscount > 0 && minDiscount <= 100 ? minDiscount : null,
    validOn: DATE.test(validOn) ? validOn : "",
    sort: toSort(params.get("sort") ?? ""),
  };
}

/** The query string for `filters`: only what is set, in a stable order. Text is kept as typed (spaces and all). */
export function writeFilters(filters: DiscoverFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim() !== "") params.set("q", filters.q);
  if (filters.city.trim() !== "") params.set("city", filters.city);
  if (filters.hotel.trim() !== "") params.set("hotel", filters.hotel);
  if (filters.minDiscount !== null) params.set("min_discount", String(filters.minDiscount));
  if (filters.validOn !== "") params.set("valid_on", filters.validOn);
  if (filters.sort !== null) params.set("sort", filters.sort);
  return params;
}

/** The order the results come in: relevance only makes sense (and is only accepted) with words to search for. */
export function effectiveSort(filters: DiscoverFilters): SortOrder {
  const hasWords = filters.q.trim() !== "";
  if (filters.sort === null) return hasWords ? "relevance" : "newest";
  if (filters.sort === "relevance" && !hasWords) return "newest";
  return filters.sort;
}

/** The API query for `filters`, trimmed, with server defaults left out (so equal searches share one cache entry). */
export function toSearchQuery(filters: DiscoverFilters): CouponSearchQuery {
  const query: CouponSearchQuery = {};
  const q = filters.q.trim();
  const city = filters.city.trim();
  const hotel = filters.hotel.trim();
  if (q !== "") query.q = q;
  if (city !== "") query.city = city;
  if (hotel !== "") query.hotel = hotel;
  if (filters.minDiscount !== null) query.min_discount = filters.minDiscount;
  if (filters.validOn !== "") query.valid_on = filters.validOn;
  const sort = effectiveSort(filters);
  if (sort !== (q !== "" ? "relevance" : "newest")) query.sort = sort;
  return query;
}

export function sortChoices(hasWords: boolean): { value: SortOrder; label: string }[] {
  return [
    ...(hasWords ? [{ value: "relevance" as const, label: "Best match" }] : []),
    { value: "newest", label: "Newest" },
    { value: "discount", label: "Biggest discount" },
    { value: "ending_soon", label: "Ending soon" },
  ];
}

/** How many filters (beyond the search words and the order) narrow the results. */
export function countActiveFilters(filters: DiscoverFilters): number {
  return [filters.city.trim() !== "", filters.hotel.trim() !== "", filters.minDiscount !== null, filters.validOn !== ""].filter(Boolean)
    .length;
}
