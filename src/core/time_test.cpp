#include "core/time.hpp"
#include "core/timezone.hpp"

#include <gtest/gtest.h>

namespace hc {
namespace {

using namespace std::chrono;

TEST(Time, WritesUtcWithFourDigitYearsAndTwoDigitFields) {
  EXPECT_EQ(to_rfc3339(SysSeconds{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(to_rfc3339(sys_days{year{2026} / 11 / 22} + hours{10} + minutes{5} + seconds{9}), "2026-11-22T10:05:09Z");
  EXPECT_EQ(to_rfc3339(sys_days{year{2024} / 2 / 29} + hours{23} + minutes{59} + seconds{59}), "2024-02-29T23:59:59Z");
  EXPECT_EQ(to_rfc3339(sys_days{year{812} / 1 / 1}), "0812-01-01T00:00:00Z");
  EXPECT_EQ(to_rfc3339(SysSeconds{} - seconds{1}), "1969-12-31T23:59:59Z");
}

TEST(Time, ReadsBackWhatItWritesAndNothingLooser) {
  for (const SysSeconds t : {SysSeconds{}, sys_days{year{2026} / 11 / 22} + hours{10} + seconds{9},
                             sys_days{year{2024} / 2 / 29} + hours{23} + minutes{59} + seconds{59}}) {
    EXPECT_EQ(parse_rfc3339(to_rfc3339(t)), t);
  }
  for (const char* bad :
       {"", "2026-11-22T10:05:09", "2026-11-22 10:05:09Z", " 026-11-22T10:05:09Z", "2026-+1-22T10:05:09Z",
        "2026-11-22T1 :05:09Z", "2026-02-30T10:05:09Z", "2026-13-01T00:00:00Z", "2026-11-22T24:00:00Z",
        "2026-11-22T23:60:00Z", "2026-11-22T23:59:60Z", "2026-11-22T10:05:09+01:00"}) {
    EXPECT_EQ(parse_rfc3339(bad), std::nullopt) << bad;
  }
}

TEST(Time, DatesAreWrittenAndReadAsIsoDays) {
  EXPECT_EQ(to_iso_date(year{2026} / 6 / 1), "2026-06-01");
  EXPECT_EQ(to_iso_date(year{5} / 12 / 31), "0005-12-31");
  EXPECT_EQ(parse_iso_date("2024-02-29"), LocalDate{year{2024} / 2 / 29});
  for (const char* bad : {"2023-02-29", "2026-6-01", "2026-06-1 ", "2026/06/01", "-026-06-01", "2026-00-10", ""}) {
    EXPECT_EQ(parse_iso_date(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace hc
