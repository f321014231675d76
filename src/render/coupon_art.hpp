#pragma once
// Coupon and logo artwork drawn in code, so the demo catalogue needs no image files yet every coupon looks
// distinct. Only std types cross this header: cairo and pango stay an implementation detail.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hc::render {

inline constexpr int kCouponWidth = 1200;
inline constexpr int kCouponHeight = 675;
inline constexpr int kLogoSize = 512;

//! The themes with their own palette and illustration; any other theme gets a neutral default look.
inline constexpr std::array<std::string_view, 8> kCouponThemes{"city",   "beach",  "spa",     "food",
                                                                "family", "nature", "romance", "business"};

struct CouponArt {
  std::string title;           // UTF-8; wrapped to at most 3 lines and ellipsized
  std::string hotel_name;      // UTF-8; one line, ellipsized
  int discount_percent = 0;    // clamped to 1..100; 100 shows "FREE"
  std::string theme;           // one of kCouponThemes
  std::uint32_t seed = 0;      // varies the composition so coupons of one theme differ
};

//! Draws a 1200x675 PNG illustrating the coupon and returns its bytes; deterministic and thread-safe.
std::string draw_coupon_png(const CouponArt& art);

//! Draws a 512x512 PNG logo, the hotel's initials on a coloured badge; deterministic and thread-safe.
std::string draw_logo_png(std::string_view hotel_name, std::uint32_t seed);

}  // namespace hc::render
