#include "reports/filename.hpp"

#include <array>
#include <cstdio>

namespace hc::reports {
namespace {

// U+00C0..U+00FF (UTF-8 C3 80..C3 BF) without their accents; "" for the two signs (× and ÷).
constexpr std::array<std::string_view, 64> kLatin1Letters{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

constexpr std::size_t kMaxNameLength = 60;

bool is_ascii_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The hotel's name as lower-case ASCII words joined by single dashes.
std::string slug(std::string_view name) {
  std::string out;
  bool pending_dash = false;
  const auto add = [&](std::string_view letters) {
    if (letters.empty()) {
      pending_dash = true;
      return;
    }
    if (pending_dash && !out.empty()) out += '-';
    pending_dash = false;
    out += letters;
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (is_ascii_alnum(c)) {
      const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      add(std::string_view(&lower, 1));
    } else if (c == 0xC3 && i + 1 < name.size()) {
      const auto next = static_cast<unsigned char>(name[++i]);
      add(next >= 0x80 && next <= 0xBF ? kLatin1Letters[next - 0x80U] : std::string_view{});
    } else if (c < 0x80 || c >= 0xC0) {
      add({});  // punctuation, spaces, or the start of a character without an ASCII form
    }
  }
  if (out.size() > kMaxNameLength) out.resize(kMaxNameLength);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "hotel" : out;
}

// RFC 5987 value-chars: letters, digits and a few marks stay; every other byte is %XX.
std::string percent_encode(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_ascii_alnum(c) || std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos) {
      out += ch;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

std::string period_part(LocalDate from, LocalDate to) { return to_iso_date(from) + "-to-" + to_iso_date(to); }

}  // namespace

std::string report_filename(std::string_view hotel_name, LocalDate from, LocalDate to, std::string_view extension) {
  return slug(hotel_name) + "-" + period_part(from, to) + "." + std::string(extension);
}

std::string content_disposition(std::string_view hotel_name, LocalDate from, LocalDate to,
                                std::string_view extension) {
  const std::string written = std::string(hotel_name) + " " + period_part(from, to) + "." + std::string(extension);
  return "attachment; filename=\"" + report_filename(hotel_name, from, to, extension) +
         "\"; filename*=UTF-8''" + percent_encode(written);
}

}  // namespace hc::reports
