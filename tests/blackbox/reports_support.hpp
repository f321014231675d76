#pragma once
// Reading reports the way a person does: a PDF through poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm)
// and a CSV the way a spreadsheet parses it.
#include "harness.hpp"

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

namespace hc::test {

//! A downloaded PDF on disk. Its pages can be kept as PNGs under $HC_TEST_ARTIFACTS/reports/<name>/ (a temp
//! folder when the variable is unset) so that a person can look at what the test read.
class PdfFile {
 public:
  PdfFile(const std::string& bytes, std::string name);

  //! The text with the layout kept (pdftotext -layout): one table row per line.
  [[nodiscard]] std::string text() const;
  //! One field of pdfinfo ("Pages", "Page size"...), or "" when absent.
  [[nodiscard]] std::string info(const std::string& field) const;
  //! What pdffonts lists.
  [[nodiscard]] std::string fonts() const;
  //! Renders every page to PNG in the artifacts folder; returns how many were written.
  [[nodiscard]] int save_pngs() const;

 private:
  TempDir scratch_;
  std::filesystem::path folder_;  // where the PDF and its PNGs are kept
  std::filesystem::path pdf_;
  std::string name_;
};

//! 12345 → "12,345", the way the report writes counts.
std::string thousands(std::int64_t value);

//! The "This period" cell of a headline figure row ("Views", "Claim rate"...), or "" if there is none.
std::string headline(const std::string& text, const std::string& label);

//! The views, claims and uses cells of a coupon's row in the per-coupon table (empty if there is no row).
std::vector<std::string> coupon_row(const std::string& text, const std::string& title);

//! How many lines match.
int count_matches(const std::string& text, const std::regex& line);

//! The rows of an RFC 4180 text (CRLF, quoted fields with doubled quotes).
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace hc::test
