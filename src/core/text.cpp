#include "core/text.hpp"

#include <algorithm>

namespace hc {
namespace {

// Length of the UTF-8 sequence introduced by `lead`, or 0 when lead cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// The second byte carries the range limits that rule out overlong forms, surrogates and values past U+10FFFF.
bool second_byte_ok(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0: return second >= 0xA0 && second <= 0xBF;
    case 0xED: return second >= 0x80 && second <= 0x9F;
    case 0xF0: return second >= 0x90 && second <= 0xBF;
    case 0xF4: return second >= 0x80 && second <= 0x8F;
    default: return second >= 0x80 && second <= 0xBF;
  }
}

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// U+0000–U+001F or U+007F.
bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = sequence_length(lead);
    if (length == 0 || text.size() - i < length) return std::nullopt;
    if (length > 1 && !second_byte_ok(lead, static_cast<unsigned char>(text[i + 1]))) return std::nullopt;
    for (std::size_t k = 2; k < length; ++k) {
      if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return std::nullopt;
    }
    i += length;
    ++count;
  }
  return count;
}

bool is_storable_text(std::string_view text) {
  return text.find('\0') == std::string_view::npos && utf8_length(text).has_value();
}

bool has_control_characters(std::string_view text) { return std::any_of(text.begin(), text.end(), is_control); }

bool is_plain_id(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
           c == '.';
  });
}

std::string_view trim_spaces(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

namespace {

// The small letter of a capital in the ranges fold_case covers; other code points are their own.
char32_t small_letter(char32_t c) {
  if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;
  if (c == 0x386) return 0x3AC;  // Greek capitals with tonos sit apart from their small letters
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string fold_case(std::string_view text) {
  if (!utf8_length(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = sequence_length(lead);
    // The lead byte keeps 7, 5, 4 or 3 bits of the code point for sequences of 1 to 4 bytes.
    char32_t c = length == 1 ? char32_t{lead} : char32_t{lead} & (char32_t{0xFF} >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    append_utf8(out, small_letter(c));
    i += length;
  }
  return out;
}

std::optional<std::string> length_violation(std::string_view text, std::size_t min, std::size_t max, Lines lines) {
  const auto length = utf8_length(text);
  if (!length) return "must be valid UTF-8";
  const bool multi_line = lines == Lines::many;
  const bool bad_control = std::any_of(text.begin(), text.end(), [multi_line](char c) {
    return is_control(c) && !(multi_line && (c == '\n' || c == '\r' || c == '\t'));
  });
  if (bad_control) {
    return multi_line ? "may contain line breaks but no other control characters"
                      : "must not contain control characters";
  }
  if (*length < min || *length > max) {
    return "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters";
  }
  return std::nullopt;
}

}  // namespace hc
