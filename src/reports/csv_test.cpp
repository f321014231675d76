#include "reports/csv.hpp"

#include <gtest/gtest.h>

namespace hc::reports {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

LocalDate date(int y, unsigned m, unsigned d) { return LocalDate{year{y}, month{m}, day{d}}; }

TEST(CsvField, QuotesOnlyWhatNeedsQuoting) {
  EXPECT_EQ(csv_text_field("Rooftop brunch"), "Rooftop brunch");
  EXPECT_EQ(csv_text_field("Bed, breakfast"), "\"Bed, breakfast\"");
  EXPECT_EQ(csv_text_field("The \"best\" deal"), "\"The \"\"best\"\" deal\"");
  EXPECT_EQ(csv_text_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_text_field("Dublín"), "Dublín");
}

TEST(CsvField, TextASpreadsheetWouldRunStaysText) {
  EXPECT_EQ(csv_text_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_text_field("+1"), "'+1");
  EXPECT_EQ(csv_text_field("-20% off"), "'-20% off");
  EXPECT_EQ(csv_text_field("@once"), "'@once");
}

TEST(Csv, OneRowPerCouponPerDayFromItsFirstDayWithZerosOnQuietDays) {
  const std::vector<CouponLine> coupons{{"B", "Spa, \"deluxe\"", "active", 30, 10, 9, date(2026, 3, 2), {}},
                                        {"A", "Brunch", "paused", 20, std::nullopt, std::nullopt, date(2026, 2, 1), {}}};
  // Active days come newest coupon first, then by day, as the repository gives them.
  const std::vector<interactions::CouponDayCounts> days{{"B", date(2026, 3, 3), {7, 0, 1, 1, 0}},
                                                         {"A", date(2026, 3, 2), {5, 1, 0, 2, 1}}};
  EXPECT_EQ(render_csv(date(2026, 3, 1), date(2026, 3, 3), coupons, days),
            "date,coupon_id,coupon_title,status,discount_percent,views,claims,uses,clicks,shares\r\n"
            "2026-03-02,B,\"Spa, \"\"deluxe\"\"\",active,30,0,0,0,0,0\r\n"
            "2026-03-03,B,\"Spa, \"\"deluxe\"\"\",active,30,7,1,0,0,1\r\n"
            "2026-03-01,A,Brunch,paused,20,0,0,0,0,0\r\n"
            "2026-03-02,A,Brunch,paused,20,5,2,1,1,0\r\n"
            "2026-03-03,A,Brunch,paused,20,0,0,0,0,0\r\n");
}

TEST(Csv, AHotelWithoutCouponsGetsTheHeaderOnly) {
  EXPECT_EQ(render_csv(date(2026, 3, 1), date(2026, 3, 31), {}, {}), "date,coupon_id,coupon_title,status,discount_percent,views,claims,uses,clicks,shares\r\n");
}

}  // namespace
}  // namespace hc::reports
