// Search on PostgreSQL, query for query the same as SQLite's (storage/sqlite/coupon_repository.cpp): the same
// candidates, filters, keyset orders and cursors. The text is matched against the document the repository writes
// (search_words.hpp explains how its words are kept equal to FTS5's); relevance ranks with ts_rank instead of bm25
// (see rank).
#include "core/text.hpp"
#include "storage/postgres/coupon_repository.hpp"
#include "storage/postgres/rows.hpp"
#include "storage/postgres/search_words.hpp"

#include <array>
#include <cassert>
#include <cstdint>
#include <limits>

namespace hc::postgres {
namespace {

using coupons::Coupon;
using coupons::SearchQuery;
using coupons::SearchSort;

// The filters every search shares; parameters $1..$9 (see filter_params). SQLite compares the hotel's name with
// LIKE, which ignores the case of ASCII letters only, and the city with hc_fold (core/text's fold_case); $8 and $9
// are fold_case as a translate() table, so that both compare exactly the same.
constexpr std::string_view kFilters = R"sql(
  c.status = 'active' AND c.valid_until >= $1
  AND ($2::text IS NULL OR c.hotel_id = $2)
  AND ($3::text IS NULL OR translate(h.name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
                           LIKE '%' || $3 || '%' ESCAPE '\')
  AND ($4::text IS NULL OR translate(h.city, $8, $9) = $4)
  AND ($5::integer IS NULL OR c.discount_percent >= $5)
  AND ($6::integer IS NULL OR c.discount_percent <= $6)
  AND ($7::text IS NULL OR (c.valid_from_date <= $7 AND c.valid_until_date >= $7))
)sql";

// The newest full-text matches that pass the filters ($N the tsquery text, see search_tsquery), of which a search
// considers no more, with `columns` (of c, and the tsquery q). status = 'active' (in kFilters) lets the partial GIN
// index serve it, and is what FTS5's table holds.
std::string candidates_sql(int query_param, std::string_view columns) {
  return "SELECT " + std::string(columns) + " FROM coupons c JOIN hotels h ON h.id = c.hotel_id, to_tsquery('simple', $" +
         std::to_string(query_param) + ") q WHERE c.search_document @@ q AND " + std::string(kFilters) +
         " ORDER BY c.seq DESC LIMIT " + std::to_string(coupons::kMaxSearchCandidates);
}

// Keyset conditions ($10 the last key, $11 the last id) and orders of the keyset sorts, in SearchSort's order after
// relevance (best first: the highest ts_rank). Newest has no key but names $10 all the same:
// every sort takes the same parameters, and the server refuses a parameter that no part of the statement names.
struct SortSql {
  std::string_view after;
  std::string_view order;
};
constexpr std::array<SortSql, 3> kKeysetSorts{{
    {" AND ($11::text IS NULL OR c.discount_percent < $10::bigint OR "
     "(c.discount_percent = $10::bigint AND c.id < $11))",
     " ORDER BY c.discount_percent DESC, c.id DESC"},
    {" AND ($11::text IS NULL OR c.id < $11) AND ($10::text IS NULL OR true)", " ORDER BY c.id DESC"},
    {" AND ($11::text IS NULL OR c.valid_until > $10 OR (c.valid_until = $10 AND c.id > $11))",
     " ORDER BY c.valid_until ASC, c.id ASC"},
}};
static_assert(static_cast<int>(SearchSort::relevance) == 0 && static_cast<int>(SearchSort::ending_soon) == 3);
// Scored only here, over the candidates: in the candidates' own query the score would be computed for every match
// before the newest are picked.
constexpr std::string_view kRelevanceOrder =
    " ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', c.search_document, to_tsquery('simple', $10)) DESC, c.id DESC";

std::string_view order_of(SearchSort sort) {
  return sort == SearchSort::relevance ? kRelevanceOrder : kKeysetSorts.at(static_cast<std::size_t>(sort) - 1).order;
}

// fold_case as the two strings of translate(): each capital it changes, and its small letter (one character each).
struct FoldTable {
  std::string capitals;
  std::string smalls;
};

void append_code_point(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

const FoldTable& fold_table() {
  static const FoldTable table = [] {
    FoldTable t;
    // fold_case changes nothing above U+042F, which, like all it changes, is written in one or two bytes.
    for (char32_t c = U'A'; c <= 0x42F; ++c) {
      std::string letter;
      append_code_point(letter, c);
      const std::string small = fold_case(letter);
      if (small == letter) continue;
      t.capitals += letter;
      t.smalls += small;
    }
    return t;
  }();
  return table;
}

// LIKE treats % and _ as wildcards: a hotel name filter means the characters themselves. ASCII letters are
// lowered as the name is (SQLite's LIKE ignores their case).
std::optional<std::string> like_literal(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::string escaped;
  for (char c : ascii_lower(*text)) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

Param optional_int(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

std::vector<Param> filter_params(const SearchQuery& q) {
  const FoldTable& fold = fold_table();
  const Param city = q.city ? Param(fold_case(*q.city)) : std::nullopt;
  return {to_rfc3339(q.now), q.hotel_id,   like_literal(q.hotel_name), city,         optional_int(q.min_discount),
          optional_int(q.max_discount),    date_param(q.valid_on),     fold.capitals, fold.smalls};
}

// The cursor's discount as SQLite's CAST(key AS INTEGER) reads it: the leading integer, 0 without one (a client
// may send any cursor).
std::int64_t leading_integer(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  const bool negative = i < text.size() && text[i] == '-';
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::int64_t value = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    const int digit = text[i] - '0';
    if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) {
      return negative ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    }
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

Param cursor_key(const SearchQuery& q) {
  if (!q.after) return std::nullopt;
  if (q.sort == SearchSort::discount) return std::to_string(leading_integer(q.after->key));
  return q.after->key;
}

// A page in a keyset order of every coupon the filters let through (a search without words).
std::string search_sql(SearchSort sort) {
  assert(sort != SearchSort::relevance);
  const SortSql& parts = kKeysetSorts.at(static_cast<std::size_t>(sort) - 1);
  return "SELECT " + std::string(kCouponColumns) + " FROM coupons c JOIN hotels h ON h.id = c.hotel_id WHERE " +
         std::string(kFilters) + std::string(parts.after) + std::string(parts.order) + " LIMIT $12";
}

}  // namespace

std::vector<Coupon> PostgresCouponRepository::search(const SearchQuery& q) {
  assert(q.terms.empty());
  std::vector<Param> params = filter_params(q);
  params.push_back(cursor_key(q));
  params.push_back(q.after ? Param(q.after->id) : std::nullopt);
  params.push_back(std::to_string(q.limit));
  auto db = pool_.acquire();
  return read_coupons(db->exec_params(search_sql(q.sort), params));
}

std::vector<std::string> PostgresCouponRepository::rank(const SearchQuery& q, std::size_t limit) {
  const std::optional<std::string> text_query = search_tsquery(q.terms);
  // Terms without a word (only punctuation) match nothing in FTS5.
  if (!text_query) return {};
  // Relevance ranks the candidates as SQLite does with bm25 (title 10, hotel 5, description 1): ts_rank's weights
  // {D, C, B, A} keep that order, a title match first, then the hotel's name, then the description; equal ranks
  // fall back to the newest id. bm25 also weighs how rare a word is and how long a text is, which ts_rank does not:
  // coupons that match in the same places may come in another order than on SQLite.
  const std::string candidates = candidates_sql(10, "c.id, c.discount_percent, c.valid_until, c.search_document");
  std::vector<Param> params = filter_params(q);
  params.push_back(*text_query);
  params.push_back(std::to_string(limit));
  auto db = pool_.acquire();
  const Result rows = db->exec_params(
      "SELECT c.id FROM (" + candidates + ") c" + std::string(order_of(q.sort)) + " LIMIT $11", params);
  std::vector<std::string> ids;
  for (int row = 0; row < rows.rows(); ++row) ids.push_back(rows.text(row, 0));
  return ids;
}

}  // namespace hc::postgres
