#include "core/text.hpp"
#include "core/time.hpp"
#include "core/timezone.hpp"

#include <gtest/gtest.h>

namespace hc {
namespace {

TEST(Text, CountsCodePoints) {
  EXPECT_EQ(utf8_length("Dublin"), 6u);
  EXPECT_EQ(utf8_length("Dublín"), 6u);
  EXPECT_EQ(utf8_length("🏨"), 1u);
  EXPECT_EQ(utf8_length(""), 0u);
}

TEST(Text, RefusesInvalidUtf8) {
  for (const char* bad : {"\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ab\xe2\x82"}) {
    EXPECT_EQ(utf8_length(bad), std::nullopt) << bad;
  }
}

TEST(Text, FoldsCaseBeyondAscii) {
  EXPECT_EQ(fold_case("MÁLAGA"), "málaga");
  EXPECT_EQ(fold_case("ZÜRICH"), "zürich");
  EXPECT_EQ(fold_case("ŁÓDŹ"), "łódź");
  EXPECT_EQ(fold_case("ΑΘΉΝΑ"), "αθήνα");
  EXPECT_EQ(fold_case("МОСКВА"), "москва");
  EXPECT_EQ(fold_case("Dublin 2"), "dublin 2");
  EXPECT_EQ(fold_case("\xff"), "\xff");
}

TEST(Text, LengthRulesExplainThemselves) {
  EXPECT_EQ(length_violation("Alex", 1, 100), std::nullopt);
  EXPECT_EQ(length_violation("", 1, 100), "must be 1 to 100 characters");
  EXPECT_EQ(length_violation("a\nb", 1, 100), "must not contain control characters");
}

TEST(Text, KnowsTimeZones) {
  EXPECT_TRUE(is_known_timezone("Europe/Dublin"));
  EXPECT_TRUE(is_known_timezone("UTC"));
  EXPECT_FALSE(is_known_timezone("Mars/Olympus"));
  EXPECT_FALSE(is_known_timezone("../../etc/passwd"));
  EXPECT_FALSE(is_known_timezone("/etc/passwd"));
  EXPECT_FALSE(is_known_timezone(""));
}

TEST(Time, LocalDaysFollowTheHotelsTimeZone) {
  using namespace std::chrono;
  const LocalDate new_year_eve{year{2026}, December, day{31}};
  EXPECT_EQ(to_rfc3339(*end_of_local_day("Europe/Dublin", new_year_eve)), "2026-12-31T23:59:59Z");
  EXPECT_EQ(to_rfc3339(*end_of_local_day("America/New_York", new_year_eve)), "2027-01-01T04:59:59Z");
  EXPECT_EQ(to_rfc3339(*start_of_local_day("Europe/Madrid", LocalDate{year{2026}, July, day{1}})),
            "2026-06-30T22:00:00Z");
  EXPECT_EQ(local_date("Asia/Tokyo", *parse_rfc3339("2026-12-31T16:00:00Z")), (LocalDate{year{2027}, January, day{1}}));
  EXPECT_EQ(start_of_local_day("Mars/Olympus", new_year_eve), std::nullopt);
}

TEST(Time, IsoDatesRoundTrip) {
  EXPECT_EQ(to_iso_date(*parse_iso_date("2026-02-28")), "2026-02-28");
  EXPECT_EQ(parse_iso_date("2026-02-29"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-2-28"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-02-2x"), std::nullopt);
}

TEST(Time, Rfc3339RoundTrips) {
  const auto time = parse_rfc3339("2026-11-22T10:00:00Z");
  ASSERT_TRUE(time.has_value());
  EXPECT_EQ(to_rfc3339(*time), "2026-11-22T10:00:00Z");
  EXPECT_EQ(parse_rfc3339("2026-02-30T10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-11-22 10:00:00"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-11-22T24:00:00Z"), std::nullopt);
}

}  // namespace
}  // namespace hc

TEST(PlainId, AcceptsShortIdsOfSafeCharactersOnly) {
  EXPECT_TRUE(hc::is_plain_id("b12-e3_x.y"));
  EXPECT_TRUE(hc::is_plain_id(std::string(64, 'a')));
  EXPECT_FALSE(hc::is_plain_id(""));
  EXPECT_FALSE(hc::is_plain_id(std::string(65, 'a')));
  EXPECT_FALSE(hc::is_plain_id("a b"));
  EXPECT_FALSE(hc::is_plain_id("a\nb"));
  EXPECT_FALSE(hc::is_plain_id("caf\xC3\xA9"));
}
