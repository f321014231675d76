#include "reports/filename.hpp"

#include <gtest/gtest.h>

namespace hc::reports {
namespace {

const LocalDate kFrom{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{1}};
const LocalDate kTo{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{31}};

TEST(ReportFilename, NamesTheHotelAndThePeriodInPlainAscii) {
  EXPECT_EQ(report_filename("Hotel Dublín Bay", kFrom, kTo, "pdf"), "hotel-dublin-bay-2026-03-01-to-2026-03-31.pdf");
  EXPECT_EQ(report_filename("Schloß Æbelø", kFrom, kTo, "csv"), "schloss-aebelo-2026-03-01-to-2026-03-31.csv");
  EXPECT_EQ(report_filename("  ../\"Evil\"\r\n; name=x ", kFrom, kTo, "pdf"), "evil-name-x-2026-03-01-to-2026-03-31.pdf");
  EXPECT_EQ(report_filename("Гостиница", kFrom, kTo, "pdf"), "hotel-2026-03-01-to-2026-03-31.pdf");
}

TEST(ReportFilename, TheHeaderCarriesTheNameAsWrittenToo) {
  EXPECT_EQ(content_disposition("Hotel Dublín", kFrom, kTo, "pdf"),
            "attachment; filename=\"hotel-dublin-2026-03-01-to-2026-03-31.pdf\"; "
            "filename*=UTF-8''Hotel%20Dubl%C3%ADn%202026-03-01-to-2026-03-31.pdf");
  // Quotes, semicolons and line breaks cannot end the header value early.
  const std::string header = content_disposition("A\"; b\r\nc", kFrom, kTo, "csv");
  EXPECT_EQ(header.find('\r'), std::string::npos);
  EXPECT_NE(header.find("filename*=UTF-8''A%22%3B%20b%0D%0Ac%20"), std::string::npos);
}

}  // namespace
}  // namespace hc::reports
