#include "redemptions/code.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/random.hpp"

namespace hc::redemptions {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kDataSymbols = 11;
constexpr std::size_t kSymbols = kDataSymbols + 1;
constexpr std::size_t kGroupSize = 4;
constexpr std::size_t kCanonicalLength = kSymbols + kSymbols / kGroupSize - 1;  // "XXXX-XXXX-XXXX"
constexpr std::size_t kMaxTypedBytes = 64;
constexpr std::size_t kRandomBytes = 7;  // 56 bits, of which the 55 that fill 11 symbols are used
constexpr unsigned kBitsPerSymbol = 5;
constexpr unsigned kSymbolMask = 0x1FU;
constexpr unsigned kFieldTop = 0x20U;         // x^5: a product that reaches it must be reduced
constexpr unsigned kFieldModulus = 0b100101U;  // x^5 + x^2 + 1, primitive over GF(2)
constexpr unsigned kAlpha = 2U;                // the element x
constexpr std::uint8_t kNotASymbol = 0xFF;

using Symbols = std::array<std::uint8_t, kSymbols>;

// The check symbol lives in GF(32) rather than mod 32 because in a field every nonzero difference stays nonzero
// when multiplied by a nonzero weight, which is what the detection argument below needs.
constexpr unsigned gf_mul(unsigned a, unsigned b) {
  unsigned product = 0;
  for (; b != 0; b >>= 1U) {
    if ((b & 1U) != 0) product ^= a;
    a <<= 1U;
    if ((a & kFieldTop) != 0) a ^= kFieldModulus;
  }
  return product;
}

// Weight of data symbol i is α^(i+1); the check symbol has weight 1 = α^0, and a code is valid iff the weighted
// XOR of all twelve symbols is 0. Why that catches the errors the issue names:
// - one symbol changed by e ≠ 0 changes the sum by e·α^j, nonzero because α^j ≠ 0 in a field;
// - neighbours a ≠ b swapped at data positions j, j+1 change it by (a⊕b)·α^(j+1)·(1⊕α), nonzero as α ≠ 1;
// - the last data symbol swapped with the check symbol changes it by (a⊕b)·(α^11⊕1), nonzero because α has
//   order 31 (prime), so α^11 ≠ 1.
constexpr std::array<unsigned, kDataSymbols> make_weights() {
  std::array<unsigned, kDataSymbols> weights{};
  unsigned power = 1;
  for (auto& weight : weights) {
    power = gf_mul(power, kAlpha);
    weight = power;
  }
  return weights;
}

constexpr std::array<unsigned, kDataSymbols> kWeights = make_weights();

// Crockford's reading rules: either case, O means 0, I and L mean 1. U is deliberately absent from the alphabet
// and stays invalid, as does everything not listed.
constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  table.fill(kNotASymbol);
  for (std::size_t value = 0; value < kAlphabet.size(); ++value) {
    const char upper = kAlphabet[value];
    table[static_cast<unsigned char>(upper)] = static_cast<std::uint8_t>(value);
    if (upper >= 'A' && upper <= 'Z') {
      table[static_cast<unsigned char>(upper - 'A' + 'a')] = static_cast<std::uint8_t>(value);
    }
  }
  for (const char zero : {'O', 'o'}) table[static_cast<unsigned char>(zero)] = 0;
  for (const char one : {'I', 'i', 'L', 'l'}) table[static_cast<unsigned char>(one)] = 1;
  return table;
}

constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

std::uint8_t check_symbol(std::span<const std::uint8_t, kDataSymbols> data) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kDataSymbols; ++i) {
    sum ^= gf_mul(data[i], kWeights[i]);
  }
  return static_cast<std::uint8_t>(sum);
}

std::span<const std::uint8_t, kDataSymbols> data_of(const Symbols& symbols) {
  return std::span<const std::uint8_t, kSymbols>(symbols).first<kDataSymbols>();
}

bool has_valid_check(const Symbols& symbols) {
  return check_symbol(data_of(symbols)) == symbols[kDataSymbols];
}

std::uint64_t random_55_bits() {
  const auto bytes = random_bytes(kRandomBytes);
  std::uint64_t bits = 0;
  for (const unsigned char byte : bytes) {
    bits = (bits << 8U) | byte;
  }
  return bits >> 1U;  // 56 bits arrived; dropping one leaves exactly 11 symbols' worth
}

Symbols random_symbols() {
  const std::uint64_t bits = random_55_bits();
  Symbols symbols{};
  for (std::size_t i = 0; i < kDataSymbols; ++i) {
    const auto shift = static_cast<unsigned>(kDataSymbols - 1 - i) * kBitsPerSymbol;
    symbols[i] = static_cast<std::uint8_t>((bits >> shift) & kSymbolMask);
  }
  symbols[kDataSymbols] = check_symbol(data_of(symbols));
  return symbols;
}

std::string canonical(const Symbols& symbols) {
  std::string out;
  out.reserve(kCanonicalLength);
  for (std::size_t i = 0; i < kSymbols; ++i) {
    if (i != 0 && i % kGroupSize == 0) out.push_back('-');
    out.push_back(kAlphabet[symbols[i]]);
  }
  return out;
}

// Separators carry no meaning, so people may group the symbols however they read them off a screen.
bool is_separator(char c) { return c == ' ' || c == '-'; }

std::optional<Symbols> read_symbols(std::string_view typed) {
  Symbols symbols{};
  std::size_t count = 0;
  for (const char c : typed) {
    if (is_separator(c)) continue;
    const std::uint8_t value = kDecode[static_cast<unsigned char>(c)];
    if (value == kNotASymbol || count == kSymbols) return std::nullopt;
    symbols[count++] = value;
  }
  if (count != kSymbols) return std::nullopt;
  return symbols;
}

}  // namespace

std::string generate_code() { return canonical(random_symbols()); }

std::optional<std::string> parse_code(std::string_view typed) {
  // The bound keeps the work per request small whatever a client sends; 64 leaves room for generous spacing.
  if (typed.size() > kMaxTypedBytes) return std::nullopt;
  const auto symbols = read_symbols(typed);
  if (!symbols || !has_valid_check(*symbols)) return std::nullopt;
  return canonical(*symbols);
}

}  // namespace hc::redemptions
