#pragma once
// Colours of the artwork: each theme's palette and the helpers that derive tints from it.
#include <cstdint>
#include <string_view>

namespace hc::render::detail {

//! A colour, each channel from 0 to 1.
struct Rgb {
  double r, g, b;
};

//! The colour written as 0xRRGGBB.
constexpr Rgb hex(std::uint32_t v) {
  return {static_cast<double>((v >> 16) & 0xFFU) / 255.0, static_cast<double>((v >> 8) & 0xFFU) / 255.0,
          static_cast<double>(v & 0xFFU) / 255.0};
}

//! The colour a fraction `t` of the way from `a` to `b`.
constexpr Rgb mix(Rgb a, Rgb b, double t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

inline constexpr Rgb kWhite = hex(0xFFFFFF);
inline constexpr Rgb kBlack = hex(0x000000);

//! The colours one theme is drawn in.
struct Palette {
  Rgb top, bottom, accent, ink, light;  // sky top, sky bottom, badge accent, dark ink, light highlight
};

//! The palette of a theme in kCouponThemes, or the neutral default one for any other name.
const Palette& palette_for(std::string_view theme);

//! Near-black or white, whichever reads better on `background`.
Rgb readable_on(Rgb background);

}  // namespace hc::render::detail
