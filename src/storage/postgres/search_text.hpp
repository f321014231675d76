#pragma once
// How words are written in the search documents and queries of the PostgreSQL backend.
#include <string>
#include <string_view>

namespace hc::postgres {

//! The text folded for search: hc::fold_case, then the diacritics of Latin and Greek letters removed ("MÁLAGA" →
//! "malaga", "Αθήνα" → "αθηνα"), as SQLite's FTS5 tokenizer (remove_diacritics) does, so that both backends find
//! the same coupons. Letters that are not a base letter with a mark (æ, ø, ß, ł) stay as they are. Invalid UTF-8
//! is returned unchanged.
std::string search_fold(std::string_view text);

}  // namespace hc::postgres
