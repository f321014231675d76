#include "reports_support.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace hc::test {
namespace {

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

std::string regex_escape(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, R"(\$&)");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

PdfFile::PdfFile(const std::string& bytes, std::string name) : name_(std::move(name)) {
  const char* artifacts = std::getenv("HC_TEST_ARTIFACTS");
  folder_ = (artifacts != nullptr && *artifacts != '\0' ? std::filesystem::path(artifacts) : scratch_.path()) /
            "reports" / name_;
  std::filesystem::remove_all(folder_);
  std::filesystem::create_directories(folder_);
  pdf_ = folder_ / (name_ + ".pdf");
  std::ofstream(pdf_, std::ios::binary) << bytes;
}

std::string PdfFile::text() const { return shell_output("pdftotext -layout " + quoted(pdf_) + " - 2>&1"); }

std::string PdfFile::info(const std::string& field) const {
  for (const std::string& line : lines_of(shell_output("pdfinfo " + quoted(pdf_) + " 2>&1"))) {
    if (!line.starts_with(field + ":")) continue;
    const auto value = line.find_first_not_of(' ', field.size() + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "";
}

std::string PdfFile::fonts() const { return shell_output("pdffonts " + quoted(pdf_) + " 2>&1"); }

int PdfFile::save_pngs() const {
  shell_output("pdftoppm -png -r 50 " + quoted(pdf_) + " " + quoted(folder_ / "page") + " 2>&1");
  int pngs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder_)) pngs += entry.path().extension() == ".png";
  return pngs;
}

std::string thousands(std::int64_t value) {
  std::string digits = std::to_string(value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

std::string headline(const std::string& text, const std::string& label) {
  // "Views    1,234    1,000    ▲ +23.4%": the label, then this period's cell, then the previous period's.
  const std::regex row("^\\s*" + regex_escape(label) + "\\s{2,}([0-9,.]+%?|—)\\s{2,}([0-9,.]+%?|—)");
  std::smatch match;
  for (const std::string& line : lines_of(text)) {
    if (std::regex_search(line, match, row)) return match[1];
  }
  return "";
}

std::vector<std::string> coupon_row(const std::string& text, const std::string& title) {
  // Title, status, discount, quantity, left, then views, claims and uses.
  const std::regex row("^\\s*" + regex_escape(title) +
                       R"(\s{2,}(Draft|Active|Paused|Expired|Archived)\s+\d+%\s+\S+\s+\S+\s+([0-9,]+)\s+([0-9,]+)\s+([0-9,]+))");
  std::smatch match;
  for (const std::string& line : lines_of(text)) {
    if (std::regex_search(line, match, row)) return {match[2], match[3], match[4]};
  }
  return {};
}

int count_matches(const std::string& text, const std::regex& line_pattern) {
  int count = 0;
  for (const std::string& line : lines_of(text)) count += std::regex_search(line, line_pattern) ? 1 : 0;
  return count;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool in_quotes = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') in_quotes = false;
      else field += c;
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      rows.back().push_back(std::exchange(field, {}));
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::exchange(field, {}));
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace hc::test
