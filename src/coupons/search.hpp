#pragma once
// Search requests: the traveller's words turned into a safe full-text query, filters, sort orders, and
// cursors that page without repeating or skipping a coupon.
#include "core/paging.hpp"
#include "core/time.hpp"
#include "core/timezone.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hc::coupons {

//! How many full-text matches a search looks at, newest first, on every engine: a very common word costs no more
//! than this. The filters are applied before the bound, so a filter never hides older matches that pass it.
inline constexpr int kMaxSearchCandidates = 1000;

enum class SearchSort { relevance, discount, newest, ending_soon };

struct SearchQuery {
  std::vector<std::string> terms;  // words as typed; the last one also matches as a prefix
  std::optional<std::string> hotel_id;
  std::optional<std::string> hotel_name;  // case-insensitive substring of the hotel's name
  std::optional<std::string> city;        // case-insensitive, whole name
  std::optional<int> min_discount;
  std::optional<int> max_discount;
  std::optional<LocalDate> valid_on;
  SearchSort sort = SearchSort::newest;
  std::optional<Keyset> after;  // key: discount as digits, valid_until as RFC 3339, empty for newest
  std::size_t limit = 20;
  SysSeconds now{};
};

//! The FTS5 query for the terms: each term quoted (so no input is query syntax), all required, the last as a
//! prefix ("dubl" finds "Dublin"). Empty when there are no terms.
std::string fts_expression(const std::vector<std::string>& terms);

//! What a ranking depends on (the words, the filters and the order, not the page), as one text: two searches with
//! the same question share a ranking.
std::string ranking_question(const SearchQuery& query);

//! Splits a traveller's query into at most 8 terms of at most 64 bytes, dropping punctuation.
std::vector<std::string> split_terms(std::string_view text);

//! The opaque cursor of a page: a keyset (core/paging), or a relevance snapshot and an offset.
struct Cursor {
  std::optional<Keyset> keyset;
  std::string snapshot;
  std::size_t offset = 0;
};

std::string encode_cursor(const Cursor& cursor);
std::optional<Cursor> decode_cursor(std::string_view text);

}  // namespace hc::coupons
