#pragma once
// Words as SQLite's FTS5 tokenizer (unicode61, remove_diacritics 2) splits them, for the PostgreSQL backend's
// search documents and queries. PostgreSQL's 'simple' parser splits text its own way ("st.john" is one host name,
// "saint-jean" three words, "l'hôtel" two), so the text is split here first and the parser is only given words it
// keeps whole: runs of ASCII letters and digits and of non-ASCII letters, separated by single spaces.
//
// Where this differs from unicode61: the separators outside ASCII are the punctuation, spaces and symbols of
// Latin-1, General Punctuation, currency, arrows to dingbats, CJK punctuation, fullwidth forms and emoji; other
// non-ASCII symbols count as letters here but separate words in FTS5. A term that holds such a separator becomes a
// phrase (as in FTS5), which here may also match across the end of the title and the start of the hotel's name.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc::postgres {

//! The text folded (search_fold) and split into words, joined by single spaces: what to give
//! coupon_search_document() and coupon_search_rename_hotel() so that their words are FTS5's words.
std::string search_words(std::string_view text);

//! The to_tsquery('simple', ...) text that matches what coupons::fts_expression(terms) matches in FTS5: every
//! term required, a term of several words as a phrase, the last term's last word as a prefix. nullopt when no term
//! holds a word (FTS5 then matches nothing).
std::optional<std::string> search_tsquery(const std::vector<std::string>& terms);

}  // namespace hc::postgres
