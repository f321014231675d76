#include "storage/postgres/search_text.hpp"

#include <gtest/gtest.h>

namespace hc::postgres {
namespace {

TEST(PostgresSearchFold, LowersCaseAndRemovesDiacritics) {
  EXPECT_EQ(search_fold("MÁLAGA"), "malaga");
  EXPECT_EQ(search_fold("Zürich Ça Ñandú Œuvre"), "zurich ca nandu œuvre");
  EXPECT_EQ(search_fold("Łódź Dubrovník Škofja Ĳssel"), "łodz dubrovnik skofja ĳssel");
  EXPECT_EQ(search_fold("ΑΘΉΝΑ Ηράκλειο"), "αθήνα ηράκλειο") << "FTS5 keeps the accents of Greek letters";
}

TEST(PostgresSearchFold, DropsCombiningMarksOfDecomposedText) {
  EXPECT_EQ(search_fold("Male\xCC\x81 Cafe\xCC\x81"), "male cafe");  // e + U+0301
}

TEST(PostgresSearchFold, KeepsLettersWithoutABaseLetterAndOtherScripts) {
  EXPECT_EQ(search_fold("Ærøskøbing Straße"), "ærøskøbing straße");
  EXPECT_EQ(search_fold("東京 🏨 Москва"), "東京 🏨 москва");
}

TEST(PostgresSearchFold, ReturnsInvalidUtf8Unchanged) {
  const std::string invalid = "caf\xC3";
  EXPECT_EQ(search_fold(invalid), invalid);
}

}  // namespace
}  // namespace hc::postgres
