#include "storage/postgres/search_text.hpp"

#include "core/text.hpp"

namespace hc::postgres {
namespace {

// The base letter of each small letter of U+00E0..U+00FF, or '-' where it has none.
constexpr std::string_view kLatin1 = "aaaaaa-ceeeeiiii-nooooo--uuuuy-y";
// The base letter of each letter of U+0100..U+017F (Latin Extended-A), or '-' where it has none.
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd--eeeeeeeeeegggggggghh--iiiiiiiii---jjkk-llllll----nnnnnn---oooooo--rrrrrrssssssss"
    "tttt--uuuuuuuuuuuuwwyyyzzzzzz-";
static_assert(kLatin1.size() == 0x20 && kLatinExtendedA.size() == 0x80);

bool is_combining_mark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

// The letter without its diacritic, or the letter itself.
char32_t base_letter(char32_t c) {
  const auto from_table = [c](std::string_view table, char32_t first) {
    const char base = table[c - first];
    return base == '-' ? c : static_cast<char32_t>(base);
  };
  if (c >= 0xE0 && c <= 0xFF) return from_table(kLatin1, 0xE0);
  if (c >= 0x100 && c <= 0x17F) return from_table(kLatinExtendedA, 0x100);
  return c;
}

// Appends a code point of up to U+FFFF, which is all base_letter returns for a changed letter.
void append_bmp(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string search_fold(std::string_view text) {
  if (!utf8_length(text)) return std::string(text);
  const std::string folded = fold_case(text);
  std::string out;
  out.reserve(folded.size());
  // Only two- and three-byte sequences (U+0080..U+FFFF) can hold a letter that changes; others are copied.
  for (std::size_t i = 0; i < folded.size();) {
    const auto lead = static_cast<unsigned char>(folded[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (length == 1 || length == 4) {
      out.append(folded, i, length);
      i += length;
      continue;
    }
    char32_t c = lead & (length == 2 ? 0x1Fu : 0x0Fu);
    for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(folded[i + k]) & 0x3Fu);
    if (!is_combining_mark(c)) append_bmp(out, base_letter(c));
    i += length;
  }
  return out;
}

}  // namespace hc::postgres
