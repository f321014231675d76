#include "render/coupon_art.hpp"

#include "render/cairo_util.hpp"
#include "render/palette.hpp"
#include "render/rng.hpp"
#include "render/scenes.hpp"
#include "render/text_layout.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace hc::render {
namespace detail {
namespace {

// Layout: the illustration fills the canvas, the badge owns the top-right corner and the caption panel the
// bottom-left one; the two never share a column, so no title length can push the panel under the badge.
constexpr double kMargin = 48;
constexpr double kMaxPanelWidth = 700;
constexpr double kBadgeX = 1030;
constexpr double kBadgeY = 170;
constexpr double kBadgeRadius = 122;
// Hoteliers type titles; bounding them keeps pango's work small whatever arrives.
constexpr std::size_t kMaxTitleChars = 300;
constexpr std::size_t kMaxNameChars = 120;

int pango_units(double pixels) { return static_cast<int>(std::lround(pixels * PANGO_SCALE)); }

Layout wrapped_title(cairo_t* cr, const std::string& title, double width, double pixels) {
  Layout layout = text_layout(cr, title, pixels, true);
  pango_layout_set_width(layout.get(), pango_units(width));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_height(layout.get(), -3);
  return layout;
}

// Short titles get big type; longer ones step down a size before being cut with an ellipsis after 3 lines.
Layout title_layout(cairo_t* cr, const std::string& title, double width) {
  for (const double pixels : {60.0, 52.0}) {
    Layout layout = wrapped_title(cr, title, width, pixels);
    if (pango_layout_get_line_count(layout.get()) <= 2 && !pango_layout_is_ellipsized(layout.get())) return layout;
  }
  return wrapped_title(cr, title, width, 44.0);
}

Layout hotel_layout(cairo_t* cr, const std::string& name, double width) {
  const GlibString upper{g_utf8_strup(name.c_str(), -1)};
  Layout layout = text_layout(cr, upper.get(), 24, false);
  const AttrList attributes{pango_attr_list_new()};
  pango_attr_list_insert(attributes.get(), pango_attr_letter_spacing_new(3 * PANGO_SCALE));
  pango_layout_set_attributes(layout.get(), attributes.get());
  pango_layout_set_width(layout.get(), pango_units(width));
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  return layout;
}

PangoRectangle logical_size(PangoLayout* layout) {
  PangoRectangle logical{};
  pango_layout_get_pixel_extents(layout, nullptr, &logical);
  return logical;
}

void show_text(cairo_t* cr, PangoLayout* layout, double x, double y, double alpha) {
  cairo_move_to(cr, x + 2, y + 2);  // a soft shadow keeps the letters crisp over the translucent panel
  set_colour(cr, kBlack, 0.35);
  pango_cairo_show_layout(cr, layout);
  cairo_move_to(cr, x, y);
  set_colour(cr, kWhite, alpha);
  pango_cairo_show_layout(cr, layout);
}

void paint_caption(cairo_t* cr, const CouponArt& art, const Palette& p) {
  constexpr double kPad = 30;
  constexpr double kBar = 6;
  constexpr double kGap = 12;
  constexpr double kTextX = kMargin + kPad + kBar + 22;
  constexpr double kTextWidth = kMargin + kMaxPanelWidth - kPad - kTextX;
  const Layout title = title_layout(cr, clean_text(art.title, kMaxTitleChars), kTextWidth);
  const Layout hotel = hotel_layout(cr, clean_text(art.hotel_name, kMaxNameChars), kTextWidth);
  const PangoRectangle title_size = logical_size(title.get());
  const PangoRectangle hotel_size = logical_size(hotel.get());
  const double text_width = std::max({title_size.width, hotel_size.width, 300});
  const double panel_width = kTextX - kMargin + text_width + kPad;
  const double panel_height = 2 * kPad + title_size.height + kGap + hotel_size.height;
  const double top = kHeight - kMargin - panel_height;
  rounded_rect(cr, kMargin, top, panel_width, panel_height, 24);
  set_colour(cr, mix(p.ink, kBlack, 0.45), 0.62);  // tinted rather than grey, so the panel belongs to the scene
  cairo_fill(cr);
  rounded_rect(cr, kMargin + kPad, top + kPad, kBar, panel_height - 2 * kPad, kBar / 2);
  fill(cr, p.accent);
  show_text(cr, title.get(), kTextX, top + kPad, 1.0);
  show_text(cr, hotel.get(), kTextX, top + kPad + title_size.height + kGap, 0.85);
}

void paint_badge_text(cairo_t* cr, int percent, Rgb ink) {
  const bool free = percent >= 100;
  const Layout headline = fitted_layout(cr, free ? "FREE" : "\u2212" + std::to_string(percent) + "%", 76, 170);
  const Layout caption = text_layout(cr, free ? "100% OFF" : "OFF", 24, true);
  set_colour(cr, ink);
  show_centred(cr, headline.get(), 0, -14);
  show_centred(cr, caption.get(), 0, 46);
}

void paint_badge(cairo_t* cr, int percent, Rgb accent, Rng& rng) {
  cairo_save(cr);
  cairo_translate(cr, kBadgeX, kBadgeY);
  cairo_rotate(cr, rng.real(-0.18, 0.18));
  star(cr, 6, 9, kBadgeRadius, kBadgeRadius * 0.92, 30);
  fill(cr, kBlack, 0.28);
  const Pattern shade{cairo_pattern_create_radial(-35, -45, 10, 0, 0, kBadgeRadius)};
  const Rgb lit = mix(accent, kWhite, 0.25);
  cairo_pattern_add_color_stop_rgb(shade.get(), 0, lit.r, lit.g, lit.b);
  cairo_pattern_add_color_stop_rgb(shade.get(), 1, accent.r, accent.g, accent.b);
  star(cr, 0, 0, kBadgeRadius, kBadgeRadius * 0.92, 30);
  cairo_set_source(cr, shade.get());
  cairo_fill(cr);
  const Rgb ink = readable_on(accent);
  constexpr double kDash[] = {9, 6};
  circle(cr, 0, 0, kBadgeRadius - 24);
  set_colour(cr, ink, 0.55);
  cairo_set_line_width(cr, 3);
  cairo_set_dash(cr, kDash, 2, 0);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  paint_badge_text(cr, percent, ink);
  cairo_restore(cr);
}

std::string initials_of(std::string_view hotel_name) {
  const std::string name = clean_text(hotel_name, kMaxNameChars);
  std::string initials;
  bool word_start = true;
  for (const gchar* c = name.c_str(); *c != '\0' && initials.size() < 8; c = g_utf8_next_char(c)) {
    const gunichar ch = g_utf8_get_char(c);
    if (g_unichar_isspace(ch)) {
      word_start = true;
    } else if (word_start && g_unichar_isalnum(ch)) {
      gchar bytes[6];
      initials.append(bytes, static_cast<std::size_t>(g_unichar_to_utf8(g_unichar_toupper(ch), bytes)));
      word_start = false;
      if (g_utf8_strlen(initials.c_str(), -1) == 2) break;
    }
  }
  return initials.empty() ? "H" : initials;
}

void paint_coupon(cairo_t* cr, const CouponArt& art) {
  const Palette& palette = palette_for(art.theme);
  Rng rng{art.seed};
  paint_background(cr, palette, rng);
  scene_for(art.theme)(cr, palette, rng);
  paint_caption(cr, art, palette);
  paint_badge(cr, std::clamp(art.discount_percent, 1, 100), palette.accent, rng);
}

void paint_logo(cairo_t* cr, std::string_view hotel_name, std::uint32_t seed) {
  constexpr double kCentre = kLogoSize / 2.0;
  Rng rng{seed};
  const Palette& p = palette_for(kCouponThemes[static_cast<std::size_t>(rng.integer(0, kCouponThemes.size() - 1))]);
  fill_circle(cr, kCentre + 4, kCentre + 8, 236, kBlack, 0.2);
  const Pattern shade{cairo_pattern_create_linear(0, 0, kLogoSize, kLogoSize)};
  const Rgb lit = mix(p.top, p.ink, 0.1);
  cairo_pattern_add_color_stop_rgb(shade.get(), 0, lit.r, lit.g, lit.b);
  cairo_pattern_add_color_stop_rgb(shade.get(), 1, p.ink.r, p.ink.g, p.ink.b);
  circle(cr, kCentre, kCentre, 236);
  cairo_set_source(cr, shade.get());
  cairo_fill(cr);
  circle(cr, kCentre, kCentre, 212);
  stroke(cr, 6, kWhite, 0.85);
  const int stars = rng.integer(3, 5);
  for (int i = 0; i < stars; ++i) {
    const double a = kPi / 2 + (i - (stars - 1) / 2.0) * 0.24;
    star(cr, kCentre + 160 * std::cos(a), kCentre + 160 * std::sin(a), 16, 7, 5);
  }
  fill(cr, hex(0xFFC94A));
  const Layout initials = fitted_layout(cr, initials_of(hotel_name), 180, 260);
  set_colour(cr, kWhite);
  show_centred(cr, initials.get(), kCentre, kCentre - 14);
}

}  // namespace
}  // namespace detail

std::string draw_coupon_png(const CouponArt& art) {
  const detail::Canvas canvas = detail::make_canvas(CAIRO_FORMAT_RGB24, kCouponWidth, kCouponHeight);
  detail::paint_coupon(canvas.cr.get(), art);
  return detail::encode_png(canvas);
}

std::string draw_logo_png(std::string_view hotel_name, std::uint32_t seed) {
  const detail::Canvas canvas = detail::make_canvas(CAIRO_FORMAT_ARGB32, kLogoSize, kLogoSize);
  detail::paint_logo(canvas.cr.get(), hotel_name, seed);
  return detail::encode_png(canvas);
}

}  // namespace hc::render
