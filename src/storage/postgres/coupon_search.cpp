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

// A statement and its parameters, numbered as they are added: a search names only the filters it has, so that
// the planner sees each one for what it is (a hotel's coupons come by its index, an order by its own) instead of
// one generic plan for "this filter or none".
struct Statement {
  std::string text;
  std::vector<Param> params;

  //! Adds a parameter and returns its placeholder ("$3").
  std::string param(Param value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  }
};

// The orders of the keyset sorts, in SearchSort's order after relevance.
constexpr std::array<std::string_view, 3> kKeysetOrders{
    " ORDER BY c.discount_percent DESC, c.id DESC",
    " ORDER BY c.id DESC",
    " ORDER BY c.valid_until ASC, c.id ASC",
};
static_assert(static_cast<int>(SearchSort::relevance) == 0 && static_cast<int>(SearchSort::ending_soon) == 3);

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

// The conditions of the filters the query sets. SQLite compares the hotel's name with LIKE, which ignores the case
// of ASCII letters only, and the city with hc_fold (core/text's fold_case), here given as a translate() table, so
// that both compare exactly the same.
std::string filters(Statement& sql, const SearchQuery& q) {
  std::string where = "c.status = 'active' AND c.valid_until >= " + sql.param(to_rfc3339(q.now));
  if (q.hotel_id) where += " AND c.hotel_id = " + sql.param(*q.hotel_id);
  if (q.hotel_name) {
    where += " AND translate(h.name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE '%' || " +
             sql.param(like_literal(q.hotel_name)) + "::text || '%' ESCAPE '\\'";
  }
  if (q.city) {
    const FoldTable& fold = fold_table();
    where += " AND translate(h.city, " + sql.param(fold.capitals) + ", " + sql.param(fold.smalls) +
             ") = " + sql.param(fold_case(*q.city));
  }
  if (q.min_discount) where += " AND c.discount_percent >= " + sql.param(optional_int(q.min_discount));
  if (q.max_discount) where += " AND c.discount_percent <= " + sql.param(optional_int(q.max_discount));
  if (q.valid_on) {
    const std::string day = sql.param(date_param(q.valid_on));
    where += " AND c.valid_from_date <= " + day + " AND c.valid_until_date >= " + day;
  }
  return where;
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

// The keyset condition after the cursor (SQLite's, with its CAST of the discount key).
std::string after_cursor(Statement& sql, const SearchQuery& q) {
  if (!q.after) return {};
  const std::string id = sql.param(q.after->id);
  if (q.sort == SearchSort::newest) return " AND c.id < " + id;
  if (q.sort == SearchSort::discount) {
    const std::string key = sql.param(std::to_string(leading_integer(q.after->key))) + "::bigint";
    return " AND (c.discount_percent < " + key + " OR (c.discount_percent = " + key + " AND c.id < " + id + "))";
  }
  const std::string key = sql.param(q.after->key);
  return " AND (c.valid_until > " + key + " OR (c.valid_until = " + key + " AND c.id > " + id + "))";
}

std::string_view keyset_order(SearchSort sort) { return kKeysetOrders.at(static_cast<std::size_t>(sort) - 1); }

}  // namespace

std::vector<Coupon> PostgresCouponRepository::search(const SearchQuery& q) {
  assert(q.terms.empty() && q.sort != SearchSort::relevance);
  Statement sql;
  const std::string where = filters(sql, q);
  const std::string after = after_cursor(sql, q);
  sql.text = "SELECT " + std::string(kCouponColumns) + " FROM coupons c JOIN hotels h ON h.id = c.hotel_id WHERE " +
             where + after + std::string(keyset_order(q.sort)) + " LIMIT " + sql.param(std::to_string(q.limit));
  auto db = pool_.acquire();
  return read_coupons(db->exec_params(sql.text, sql.params));
}

std::vector<std::string> PostgresCouponRepository::rank(const SearchQuery& q, std::size_t limit) {
  const std::optional<std::string> text_query = search_tsquery(q.terms);
  // Terms without a word (only punctuation) match nothing in FTS5.
  if (!text_query) return {};
  Statement sql;
  const std::string words = "to_tsquery('simple', " + sql.param(*text_query) + ")";
  const bool hotel_filter = q.hotel_name || q.city;
  // The newest full-text matches that pass the filters, of which a search considers no more; status = 'active' (in
  // the filters) lets the partial GIN index serve it, and is what FTS5's table holds.
  const std::string candidates = "SELECT c.id, c.discount_percent, c.valid_until, c.search_document FROM coupons c " +
                                 std::string(hotel_filter ? "JOIN hotels h ON h.id = c.hotel_id " : "") +
                                 "WHERE c.search_document @@ " + words + " AND " + filters(sql, q) +
                                 " ORDER BY c.seq DESC LIMIT " + std::to_string(coupons::kMaxSearchCandidates);
  // Relevance ranks the candidates as SQLite does with bm25 (title 10, hotel 5, description 1): ts_rank's weights
  // {D, C, B, A} keep that order, a title match first, then the hotel's name, then the description; equal ranks
  // fall back to the newest id. bm25 also weighs how rare a word is and how long a text is, which ts_rank does not:
  // coupons that match in the same places may come in another order than on SQLite. The score is computed here,
  // over the candidates only.
  const std::string order =
      q.sort == SearchSort::relevance
          ? " ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', c.search_document, " + words + ") DESC, c.id DESC"
          : std::string(keyset_order(q.sort));
  sql.text = "SELECT c.id FROM (" + candidates + ") c" + order + " LIMIT " + sql.param(std::to_string(limit));
  auto db = pool_.acquire();
  const Result rows = db->exec_params(sql.text, sql.params);
  std::vector<std::string> ids;
  for (int row = 0; row < rows.rows(); ++row) ids.push_back(rows.text(row, 0));
  return ids;
}

}  // namespace hc::postgres
