#pragma once
// How words are written in the search documents and queries of the PostgreSQL backend.
#include <string>
#include <string_view>

namespace hc::postgres {

//! The text folded for search: hc::fold_case, then the diacritics of Latin letters removed ("MÁLAGA" → "malaga"),
//! as SQLite's FTS5 tokenizer (unicode61, remove_diacritics 2) does, so that both backends find the same coupons.
//! Like FTS5, it keeps the accents of other scripts ("Αθήνα" → "αθήνα") and letters that are not a base letter
//! with a mark (æ, ø, ß, ł). Invalid UTF-8 is returned unchanged.
std::string search_fold(std::string_view text);

}  // namespace hc::postgres
