#include "render/palette.hpp"

#include "render/coupon_art.hpp"

#include <algorithm>
#include <array>

namespace hc::render::detail {
namespace {

struct ThemePalette {
  std::string_view theme;
  Palette palette;
};

constexpr std::array<ThemePalette, kCouponThemes.size()> kPalettes{{
    {"city", {hex(0x1B2A59), hex(0x6A3FA0), hex(0xFFB703), hex(0x14193A), hex(0xFFE29A)}},
    {"beach", {hex(0x1FB5C9), hex(0xF6D9A0), hex(0xFF5A5F), hex(0x0E7C86), hex(0xFFF1B8)}},
    {"spa", {hex(0x8FB996), hex(0xF4EFE1), hex(0xC8553D), hex(0x4F7A5A), hex(0xFFFFFF)}},
    {"food", {hex(0xC8553D), hex(0xF6AE2D), hex(0x1D7874), hex(0x7A2E1F), hex(0xFFF1D6)}},
    {"family", {hex(0x4CC9F0), hex(0xFFE66D), hex(0xF72585), hex(0x1D6FA3), hex(0xFFFFFF)}},
    {"nature", {hex(0xA4DE02), hex(0x1E5631), hex(0xFF7F11), hex(0x123D22), hex(0xFFF6D5)}},
    {"romance", {hex(0x5E2A5C), hex(0xF08A9B), hex(0xFFD166), hex(0x3D1A3B), hex(0xFFE3EA)}},
    {"business", {hex(0x2F3E4E), hex(0x7F9BB3), hex(0xF4A261), hex(0x1C2733), hex(0xE6EEF5)}},
}};
// Every public theme must get its own palette, not the default; listing them in the same order lets the compiler
// check that.
static_assert(std::ranges::equal(kPalettes, kCouponThemes, {}, &ThemePalette::theme));

constexpr Palette kDefaultPalette{hex(0x3A0CA3), hex(0x2EC4B6), hex(0xFF9F1C), hex(0x240B63), hex(0xFFFFFF)};

}  // namespace

const Palette& palette_for(std::string_view theme) {
  const auto* found = std::ranges::find(kPalettes, theme, &ThemePalette::theme);
  return found == kPalettes.end() ? kDefaultPalette : found->palette;
}

Rgb readable_on(Rgb background) {
  const double luminance = 0.2126 * background.r + 0.7152 * background.g + 0.0722 * background.b;
  return luminance > 0.6 ? hex(0x1B1B1B) : kWhite;
}

}  // namespace hc::render::detail
