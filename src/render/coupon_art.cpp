#include "render/coupon_art.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace hc::render {
namespace {

// Layout: the illustration fills the canvas, the badge owns the top-right corner and the caption panel the
// bottom-left one; the two never share a column, so no title length can push the panel under the badge.
constexpr double kPi = std::numbers::pi;
constexpr double kWidth = kCouponWidth;
constexpr double kHeight = kCouponHeight;
constexpr double kMargin = 48;
constexpr double kMaxPanelWidth = 700;
constexpr double kBadgeX = 1030;
constexpr double kBadgeY = 170;
constexpr double kBadgeRadius = 122;
// Hoteliers type titles; bounding them keeps pango's work small whatever arrives.
constexpr std::size_t kMaxTitleChars = 300;
constexpr std::size_t kMaxNameChars = 120;

template <auto Release>
struct Releaser {
  template <typename T>
  void operator()(T* object) const noexcept {
    Release(object);
  }
};
using Surface = std::unique_ptr<cairo_surface_t, Releaser<cairo_surface_destroy>>;
using Context = std::unique_ptr<cairo_t, Releaser<cairo_destroy>>;
using Pattern = std::unique_ptr<cairo_pattern_t, Releaser<cairo_pattern_destroy>>;
using Layout = std::unique_ptr<PangoLayout, Releaser<g_object_unref>>;
using FontDescription = std::unique_ptr<PangoFontDescription, Releaser<pango_font_description_free>>;
using AttrList = std::unique_ptr<PangoAttrList, Releaser<pango_attr_list_unref>>;
using GlibString = std::unique_ptr<gchar, Releaser<g_free>>;

// The std distributions differ between standard libraries while mt19937's raw output is specified, so mapping
// it by hand keeps every image byte-identical wherever the server is built.
class Rng {
 public:
  explicit Rng(std::uint32_t seed) : engine_{seed} {}
  double real(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(engine_()) / 4294967296.0; }
  int integer(int lo, int hi) { return lo + static_cast<int>(engine_() % static_cast<std::uint32_t>(hi - lo + 1)); }
  bool chance(double p) { return real(0, 1) < p; }

 private:
  std::mt19937 engine_;
};

struct Rgb {
  double r, g, b;
};

using Point = std::pair<double, double>;

constexpr Rgb hex(std::uint32_t v) {
  return {static_cast<double>((v >> 16) & 0xFFU) / 255.0, static_cast<double>((v >> 8) & 0xFFU) / 255.0,
          static_cast<double>(v & 0xFFU) / 255.0};
}

constexpr Rgb mix(Rgb a, Rgb b, double t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

constexpr Rgb kWhite = hex(0xFFFFFF);
constexpr Rgb kBlack = hex(0x000000);

struct Palette {
  Rgb top, bottom, accent, ink, light;
};

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error{std::string{"cairo: "} + cairo_status_to_string(status)};
}

void set_colour(cairo_t* cr, Rgb c, double alpha = 1.0) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

void fill(cairo_t* cr, Rgb c, double alpha = 1.0) {
  set_colour(cr, c, alpha);
  cairo_fill(cr);
}

void stroke(cairo_t* cr, double width, Rgb c, double alpha = 1.0) {
  set_colour(cr, c, alpha);
  cairo_set_line_width(cr, width);
  cairo_stroke(cr);
}

void circle(cairo_t* cr, double x, double y, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x, y, r, 0, 2 * kPi);
}

void fill_circle(cairo_t* cr, double x, double y, double r, Rgb c, double alpha = 1.0) {
  circle(cr, x, y, r);
  fill(cr, c, alpha);
}

void ellipse(cairo_t* cr, double x, double y, double rx, double ry) {
  cairo_save(cr);  // the path keeps its device-space shape after the scale is restored
  cairo_translate(cr, x, y);
  cairo_scale(cr, rx, ry);
  circle(cr, 0, 0, 1);
  cairo_restore(cr);
}

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -kPi / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, kPi / 2);
  cairo_arc(cr, x + r, y + h - r, r, kPi / 2, kPi);
  cairo_arc(cr, x + r, y + r, r, kPi, 3 * kPi / 2);
  cairo_close_path(cr);
}

// Alternating radii: five points make a star, four a sparkle, thirty a sticker's serrated edge.
void star(cairo_t* cr, double x, double y, double outer, double inner, int points) {
  cairo_new_sub_path(cr);
  for (int i = 0; i < 2 * points; ++i) {
    const double r = i % 2 == 0 ? outer : inner;
    const double a = -kPi / 2 + kPi * i / points;
    cairo_line_to(cr, x + r * std::cos(a), y + r * std::sin(a));
  }
  cairo_close_path(cr);
}

void heart(cairo_t* cr, double x, double y, double size, double angle) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, angle);
  cairo_scale(cr, size / 2, size / 2);
  cairo_move_to(cr, 0, 0.9);
  cairo_curve_to(cr, -0.6, 0.5, -1.0, 0.1, -1.0, -0.3);
  cairo_curve_to(cr, -1.0, -0.85, -0.3, -1.0, 0, -0.55);
  cairo_curve_to(cr, 0.3, -1.0, 1.0, -0.85, 1.0, -0.3);
  cairo_curve_to(cr, 1.0, 0.1, 0.6, 0.5, 0, 0.9);
  cairo_close_path(cr);
  cairo_restore(cr);
}

// A leaf from its stem along `angle`; `bend` moves the tip sideways so foliage droops instead of radiating.
void leaf(cairo_t* cr, double x, double y, double angle, double length, double width, double bend) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, angle);
  cairo_move_to(cr, 0, 0);
  cairo_curve_to(cr, length * 0.35, -width, length * 0.75, bend - width * 0.6, length, bend);
  cairo_curve_to(cr, length * 0.75, bend + width * 0.3, length * 0.35, width * 0.7, 0, 0);
  cairo_close_path(cr);
  cairo_restore(cr);
}

// A band whose top edge is a sine wave, filled down to the bottom of the canvas.
void wave_band(cairo_t* cr, double y, double amplitude, double wavelength, double phase) {
  cairo_move_to(cr, 0, kHeight);
  for (double x = 0; x <= kWidth + 8; x += 8) {
    cairo_line_to(cr, x, y + amplitude * std::sin(2 * kPi * x / wavelength + phase));
  }
  cairo_line_to(cr, kWidth + 8, kHeight);
  cairo_close_path(cr);
}

void glow(cairo_t* cr, double x, double y, double r, Rgb c, double alpha) {
  const Pattern halo{cairo_pattern_create_radial(x, y, 0, x, y, r)};
  cairo_pattern_add_color_stop_rgba(halo.get(), 0, c.r, c.g, c.b, alpha);
  cairo_pattern_add_color_stop_rgba(halo.get(), 1, c.r, c.g, c.b, 0);
  cairo_set_source(cr, halo.get());
  circle(cr, x, y, r);
  cairo_fill(cr);
}

void paint_background(cairo_t* cr, const Palette& p, Rng& rng) {
  const double tilt = rng.real(-0.3, 0.3) * kWidth;
  const Pattern sky{cairo_pattern_create_linear(kWidth / 2 - tilt, 0, kWidth / 2 + tilt, kHeight)};
  cairo_pattern_add_color_stop_rgb(sky.get(), 0, p.top.r, p.top.g, p.top.b);
  cairo_pattern_add_color_stop_rgb(sky.get(), 1, p.bottom.r, p.bottom.g, p.bottom.b);
  cairo_set_source(cr, sky.get());
  cairo_paint(cr);
  glow(cr, rng.real(0, kWidth), rng.real(0, kHeight * 0.6), 520, p.light, 0.22);
  for (int i = 0; i < 9; ++i) {
    fill_circle(cr, rng.real(0, kWidth), rng.real(0, kHeight), rng.real(14, 80), kWhite, rng.real(0.03, 0.08));
  }
}

void paint_sun(cairo_t* cr, Rgb colour, Rng& rng, double x_lo = 190, double x_hi = 620) {
  const double x = rng.real(x_lo, x_hi);
  const double y = rng.real(110, 200);
  glow(cr, x, y, 230, colour, 0.55);
  fill_circle(cr, x, y, rng.real(56, 80), colour);
}

void paint_birds(cairo_t* cr, Rgb colour, Rng& rng) {
  const double x = rng.real(640, 820);
  const double y = rng.real(110, 230);
  for (int i = 0; i < 3; ++i) {
    const double bx = x + rng.real(-60, 60);
    const double by = y + rng.real(-40, 40);
    const double s = rng.real(0.8, 1.3);
    cairo_move_to(cr, bx - 14 * s, by - 4 * s);
    cairo_curve_to(cr, bx - 8 * s, by - 12 * s, bx - 2 * s, by - 6 * s, bx, by);
    cairo_curve_to(cr, bx + 2 * s, by - 6 * s, bx + 8 * s, by - 12 * s, bx + 14 * s, by - 4 * s);
  }
  set_colour(cr, colour, 0.75);
  cairo_set_line_width(cr, 3);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke(cr);
}

void paint_palm(cairo_t* cr, double x, Rgb colour, Rng& rng) {
  const double top_x = x + rng.real(-70, 40);
  const double top_y = rng.real(400, 430);
  cairo_move_to(cr, x, kHeight + 10);
  cairo_curve_to(cr, x, kHeight - 120, top_x, top_y + 120, top_x, top_y);
  set_colour(cr, colour);
  cairo_set_line_width(cr, 18);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke(cr);
  for (int i = 0; i < 7; ++i) {
    const double angle = kPi * (1.0 + i / 6.0) + rng.real(-0.12, 0.12);
    leaf(cr, top_x, top_y, angle, rng.real(110, 140), 20, 45 * std::cos(angle));
  }
  cairo_fill(cr);
}

void paint_beach(cairo_t* cr, const Palette& p, Rng& rng) {
  paint_sun(cr, p.light, rng);
  paint_birds(cr, p.ink, rng);
  const double phase = rng.real(0, 2 * kPi);
  for (int i = 0; i < 3; ++i) {
    wave_band(cr, 395 + 52 * i, 9 - 2 * i, 280 + 70 * i, phase + 1.7 * i);
    fill(cr, mix(p.ink, p.top, 0.3 * i));
  }
  wave_band(cr, 585, 14, 900, phase);
  fill(cr, mix(p.bottom, hex(0xE4B877), 0.5));
  paint_palm(cr, rng.real(960, 1100), mix(p.ink, kBlack, 0.35), rng);
}

void paint_windows(cairo_t* cr, double x, double y, double w, Rgb colour, Rng& rng) {
  for (double wy = y + 16; wy + 14 < kHeight; wy += 26) {
    for (double wx = x + 12; wx + 18 < x + w; wx += 20) {
      if (rng.chance(0.35)) cairo_rectangle(cr, wx, wy, 10, 14);
    }
  }
  fill(cr, colour, 0.85);
}

// One row of buildings; only the front row gets lit windows so the back one reads as distance.
void paint_skyline(cairo_t* cr, Rgb colour, double min_h, double max_h, std::optional<Rgb> windows, Rng& rng) {
  for (double x = rng.real(-60, 0); x < kWidth;) {
    const double w = rng.real(70, 140);
    const double h = rng.real(min_h, max_h);
    cairo_rectangle(cr, x, kHeight - h, w, h);
    fill(cr, colour);
    if (windows) paint_windows(cr, x, kHeight - h, w, *windows, rng);
    x += w + rng.real(2, 16);
  }
}

void paint_city(cairo_t* cr, const Palette& p, Rng& rng) {
  for (int i = 0; i < 45; ++i) {
    fill_circle(cr, rng.real(0, kWidth), rng.real(0, 330), rng.real(1, 2.6), kWhite, rng.real(0.3, 0.9));
  }
  paint_sun(cr, p.light, rng);
  paint_skyline(cr, mix(p.ink, p.bottom, 0.45), 200, 330, std::nullopt, rng);
  paint_skyline(cr, p.ink, 90, 250, p.light, rng);
}

void paint_stones(cairo_t* cr, double cx, const Palette& p, Rng& rng) {
  constexpr double kWidths[] = {230, 185, 145, 105, 72};
  double y = kHeight - 40;
  const int count = rng.integer(3, 5);
  for (int i = 0; i < count; ++i) {
    const double rx = kWidths[i] / 2;
    const double ry = rx * 0.36;
    const double x = cx + rng.real(-10, 10);
    y -= ry;
    ellipse(cr, x, y, rx, ry);
    fill(cr, mix(p.ink, p.light, 0.1 + 0.16 * i));
    ellipse(cr, x - rx * 0.25, y - ry * 0.4, rx * 0.45, ry * 0.25);
    fill(cr, kWhite, 0.2);
    y -= ry * 0.8;
  }
}

void paint_spa(cairo_t* cr, const Palette& p, Rng& rng) {
  const double cx = rng.real(930, 1010);
  glow(cr, cx, 430, 300, kWhite, 0.5);
  for (int i = 0; i < 7; ++i) {
    leaf(cr, rng.real(80, 820), rng.real(50, 340), rng.real(0, 2 * kPi), rng.real(28, 46), 10, 6);
  }
  fill(cr, p.ink, 0.35);
  for (const double spread : {-0.95, -0.5, 0.4, 0.85}) {
    const double offset = spread + rng.real(-0.12, 0.12);
    leaf(cr, cx + 30, kHeight - 60, -kPi / 2 + offset, rng.real(200, 260), 46, 60 * offset);
    fill(cr, mix(p.ink, p.top, spread < 0 ? 0.0 : 0.3), 0.9);
  }
  for (int i = 0; i < 3; ++i) ellipse(cr, cx, kHeight - 45, 150 + 60 * i, 16 + 7 * i);
  stroke(cr, 3, kWhite, 0.45);
  paint_stones(cr, cx, p, rng);
}

void paint_cutlery(cairo_t* cr, double fork_x, double knife_x, double cy, Rgb colour) {
  rounded_rect(cr, fork_x - 8, cy - 10, 16, 150, 8);
  rounded_rect(cr, fork_x - 20, cy - 50, 40, 46, 12);
  for (int i = 0; i < 4; ++i) rounded_rect(cr, fork_x - 20 + i * 11.3, cy - 120, 6, 90, 3);
  rounded_rect(cr, knife_x - 9, cy, 18, 140, 9);
  cairo_move_to(cr, knife_x - 9, cy + 4);
  cairo_line_to(cr, knife_x - 9, cy - 110);
  cairo_curve_to(cr, knife_x - 9, cy - 140, knife_x + 14, cy - 130, knife_x + 14, cy - 90);
  cairo_line_to(cr, knife_x + 9, cy + 4);
  cairo_close_path(cr);
  fill(cr, colour);
}

void paint_dish(cairo_t* cr, double cx, double cy, double r, Rng& rng) {
  constexpr Rgb kFoods[] = {hex(0xE63946), hex(0xF4A261), hex(0xFFD166), hex(0xE76F51)};
  for (int i = 0; i < 16; ++i) {
    const double a = rng.real(0, 2 * kPi);
    const double d = r * 0.72 * std::sqrt(rng.real(0, 1));  // sqrt spreads them evenly over the disc
    fill_circle(cr, cx + d * std::cos(a), cy + d * std::sin(a), rng.real(r * 0.14, r * 0.24), kFoods[i % 4]);
  }
  for (int i = 0; i < 7; ++i) leaf(cr, cx, cy, rng.real(0, 2 * kPi), r * rng.real(0.5, 0.8), r * 0.12, 0);
  fill(cr, hex(0x4C956C));
}

void paint_food(cairo_t* cr, const Palette& p, Rng& rng) {
  for (int i = 0; i < 26; ++i) {
    leaf(cr, rng.real(0, kWidth), rng.real(0, kHeight), rng.real(0, 2 * kPi), rng.real(18, 34), 7, 0);
  }
  fill(cr, p.light, 0.2);
  const double cx = rng.real(985, 1000);
  constexpr double kCy = 470;
  constexpr double kR = 120;
  fill_circle(cr, cx + 8, kCy + 14, kR, kBlack, 0.22);
  fill_circle(cr, cx, kCy, kR, p.light);
  circle(cr, cx, kCy, kR * 0.76);
  stroke(cr, 4, p.ink, 0.15);
  paint_dish(cr, cx, kCy, kR * 0.66, rng);
  paint_cutlery(cr, cx - kR - 44, cx + kR + 42, kCy, mix(p.light, kWhite, 0.5));
}

void paint_cloud(cairo_t* cr, double x, double y, double s) {
  circle(cr, x, y, 30 * s);
  circle(cr, x + 40 * s, y - 20 * s, 40 * s);
  circle(cr, x + 82 * s, y - 4 * s, 30 * s);
  rounded_rect(cr, x - 30 * s, y - 6 * s, 144 * s, 36 * s, 18 * s);
  fill(cr, kWhite, 0.92);
}

void paint_kite(cairo_t* cr, double x, double y, Rng& rng) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, rng.real(-0.4, 0.4));
  cairo_move_to(cr, 0, 100);
  cairo_curve_to(cr, -50, 160, 50, 210, -10, 280);
  stroke(cr, 3, kWhite, 0.8);
  for (const auto& [bx, by] : {std::pair{-14.0, 155.0}, {10.0, 205.0}, {-4.0, 250.0}}) star(cr, bx, by, 12, 4, 2);
  fill(cr, hex(0xF72585));
  const double xs[] = {0, 56, 0, -56};
  const double ys[] = {-70, 0, 100, 0};
  for (int i = 0; i < 4; ++i) {
    cairo_move_to(cr, 0, 0);
    cairo_line_to(cr, xs[i], ys[i]);
    cairo_line_to(cr, xs[(i + 1) % 4], ys[(i + 1) % 4]);
    fill(cr, i % 2 == 0 ? hex(0xF72585) : hex(0xFFD60A));
  }
  cairo_restore(cr);
}

void paint_balloons(cairo_t* cr, double x, double y, Rng& rng) {
  constexpr Rgb kColours[] = {hex(0xF72585), hex(0x4361EE), hex(0xFF7B00), hex(0x06D6A0), hex(0x7209B7)};
  std::vector<Point> spots(static_cast<std::size_t>(rng.integer(3, 5)));
  for (auto& [bx, by] : spots) {
    bx = x + rng.real(-95, 95);
    by = y + rng.real(-40, 60);
    cairo_move_to(cr, bx, by + 50);
    cairo_curve_to(cr, bx, by + 120, x, y + 150, x, y + 230);
  }
  stroke(cr, 2, kWhite, 0.85);
  const int first = rng.integer(0, 4);
  for (std::size_t i = 0; i < spots.size(); ++i) {
    const auto [bx, by] = spots[i];
    ellipse(cr, bx, by, 38, 48);
    star(cr, bx, by + 50, 8, 8, 3);
    fill(cr, kColours[(static_cast<std::size_t>(first) + i) % 5]);
    ellipse(cr, bx - 13, by - 18, 8, 14);
    fill(cr, kWhite, 0.45);
  }
}

void paint_family(cairo_t* cr, const Palette& p, Rng& rng) {
  paint_sun(cr, hex(0xFFD60A), rng, 110, 250);
  for (int i = 0; i < 3; ++i) paint_cloud(cr, rng.real(80 + 250 * i, 200 + 250 * i), rng.real(90, 290), rng.real(0.7, 1.1));
  const double phase = rng.real(0, 2 * kPi);
  wave_band(cr, 520, 30, 1100, phase);
  fill(cr, mix(hex(0x8AC926), p.top, 0.3));
  wave_band(cr, 590, 20, 800, phase + 2);
  fill(cr, hex(0x52A447));
  paint_kite(cr, rng.real(470, 700), rng.real(110, 170), rng);
  paint_balloons(cr, rng.real(960, 1040), rng.real(380, 410), rng);
}

void paint_snow_cap(cairo_t* cr, Point left, Point peak, Point right) {
  const auto along = [&](Point to, double t) {
    return Point{peak.first + (to.first - peak.first) * t, peak.second + (to.second - peak.second) * t};
  };
  const auto [ax, ay] = along(left, 0.25);
  const auto [bx, by] = along(right, 0.25);
  cairo_move_to(cr, ax, ay);
  cairo_line_to(cr, peak.first, peak.second);
  cairo_line_to(cr, bx, by);
  cairo_line_to(cr, ax + (bx - ax) * 0.66, ay + (by - ay) * 0.66 - 10);
  cairo_line_to(cr, ax + (bx - ax) * 0.33, ay + (by - ay) * 0.33 + 8);
  cairo_close_path(cr);
  fill(cr, kWhite, 0.9);
}

// Alternating valleys and peaks across the canvas, snow-capped when the range is the distant one.
void paint_range(cairo_t* cr, double valley_y, double peak_lo, double peak_hi, Rgb colour, bool snow, Rng& rng) {
  std::vector<Point> ridge{{rng.real(-200, -80), valley_y}};
  while (ridge.back().first < kWidth + 40) {
    const double step = rng.real(260, 380);
    ridge.emplace_back(ridge.back().first + step * rng.real(0.4, 0.6), rng.real(peak_lo, peak_hi));
    ridge.emplace_back(ridge.back().first + step / 2, valley_y + rng.real(-15, 15));
  }
  cairo_move_to(cr, ridge.front().first, kHeight);
  for (const auto& [x, y] : ridge) cairo_line_to(cr, x, y);
  cairo_line_to(cr, ridge.back().first, kHeight);
  fill(cr, colour);
  for (std::size_t i = 1; snow && i + 1 < ridge.size(); i += 2) paint_snow_cap(cr, ridge[i - 1], ridge[i], ridge[i + 1]);
}

void paint_pine(cairo_t* cr, double x, double base, double h, Rgb colour) {
  cairo_rectangle(cr, x - 5, base - h * 0.14, 10, h * 0.14);
  for (int i = 0; i < 3; ++i) {
    const double tier_base = base - h * (0.12 + 0.25 * i);
    const double half = h * (0.26 - 0.05 * i);
    cairo_move_to(cr, x - half, tier_base);
    cairo_line_to(cr, x, tier_base - h * 0.4);
    cairo_line_to(cr, x + half, tier_base);
    cairo_close_path(cr);
  }
  fill(cr, colour);
}

void paint_nature(cairo_t* cr, const Palette& p, Rng& rng) {
  paint_sun(cr, p.light, rng);
  paint_birds(cr, p.ink, rng);
  paint_range(cr, 470, 220, 320, mix(p.bottom, p.top, 0.35), true, rng);
  paint_range(cr, 560, 380, 460, mix(p.ink, p.bottom, 0.5), false, rng);
  wave_band(cr, 610, 10, 700, rng.real(0, 2 * kPi));
  fill(cr, p.ink);
  std::vector<Point> trees(static_cast<std::size_t>(rng.integer(6, 9)));
  for (std::size_t i = 0; i < trees.size(); ++i) {
    trees[i] = {830 + 330.0 * static_cast<double>(i) / static_cast<double>(trees.size() - 1) + rng.real(-18, 18),
                rng.real(620, 665)};
  }
  std::ranges::sort(trees, {}, &Point::second);  // nearer trees, lower on the canvas, overlap farther ones
  for (const auto& [x, base] : trees) paint_pine(cr, x, base, rng.real(130, 230), mix(p.ink, kBlack, 0.25));
}

void paint_moon(cairo_t* cr, Rgb colour, Rng& rng) {
  const double x = rng.real(200, 600);
  const double y = rng.real(110, 190);
  glow(cr, x, y, 200, colour, 0.4);
  cairo_push_group(cr);  // the crescent's bite must reveal the gradient sky, not paint over it
  fill_circle(cr, x, y, 58, colour);
  cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
  fill_circle(cr, x + 26, y - 16, 50, kBlack);
  cairo_pop_group_to_source(cr);
  cairo_paint(cr);
}

void paint_romance(cairo_t* cr, const Palette& p, Rng& rng) {
  for (int i = 0; i < 16; ++i) {
    const double r = rng.real(4, 12);
    star(cr, rng.real(0, kWidth), rng.real(20, 400), r, r * 0.3, 4);
    fill(cr, p.light, rng.real(0.35, 0.9));
  }
  paint_moon(cr, p.light, rng);
  for (int i = 0; i < 7; ++i) heart(cr, rng.real(620, 1180), rng.real(300, 640), rng.real(16, 40), rng.real(-0.5, 0.5));
  fill(cr, kWhite, 0.45);
  const double x = rng.real(960, 1010);
  glow(cr, x, 470, 260, hex(0xFF4D6D), 0.45);
  heart(cr, x, 470, 230, rng.real(-0.2, 0.1));
  fill(cr, hex(0xE63956));
  heart(cr, x + 100, 390, 110, rng.real(0.1, 0.4));
  fill(cr, p.light, 0.9);
}

void paint_chart(cairo_t* cr, Rgb colour, Rng& rng) {
  std::vector<Point> points;
  for (int i = 0; i < 7; ++i) points.emplace_back(80 + 115 * i, 330 - 32 * i + rng.real(-30, 25));
  for (const auto& [x, y] : points) cairo_line_to(cr, x, y);
  set_colour(cr, colour, 0.85);
  cairo_set_line_width(cr, 5);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
  for (const auto& [x, y] : points) fill_circle(cr, x, y, 7, colour);
}

void paint_briefcase(cairo_t* cr, double cx, double cy, Rgb clasp) {
  constexpr Rgb kLeather = hex(0x6B4A3A);
  constexpr Rgb kDark = hex(0x3E2A20);
  rounded_rect(cr, cx - 45, cy - 118, 90, 50, 16);
  stroke(cr, 14, kDark);
  rounded_rect(cr, cx - 132, cy - 78, 280, 190, 22);
  fill(cr, kBlack, 0.25);
  rounded_rect(cr, cx - 140, cy - 90, 280, 190, 22);
  fill(cr, kLeather);
  cairo_move_to(cr, cx - 140, cy - 20);
  cairo_line_to(cr, cx + 140, cy - 20);
  for (const double x : {cx - 80, cx + 80}) {
    cairo_move_to(cr, x, cy - 90);
    cairo_line_to(cr, x, cy + 100);
  }
  stroke(cr, 6, kDark, 0.7);
  rounded_rect(cr, cx - 22, cy - 34, 44, 28, 6);
  fill(cr, clasp);
}

void paint_business(cairo_t* cr, const Palette& p, Rng& rng) {
  paint_chart(cr, p.light, rng);
  paint_skyline(cr, mix(p.ink, p.bottom, 0.35), 230, 400, std::nullopt, rng);
  paint_skyline(cr, p.ink, 80, 200, p.light, rng);
  paint_briefcase(cr, rng.real(975, 1010), 490, p.accent);
}

void paint_default(cairo_t* cr, const Palette& p, Rng& rng) {
  for (int i = 0; i < 4; ++i) circle(cr, rng.real(0, kWidth), rng.real(0, kHeight), rng.real(60, 170));
  stroke(cr, 12, p.light, 0.2);
  for (int i = 0; i < 14; ++i) {
    const double r = rng.real(5, 14);
    star(cr, rng.real(0, kWidth), rng.real(0, kHeight), r, r * 0.3, 4);
  }
  fill(cr, p.light, 0.7);
}

using Painter = void (*)(cairo_t*, const Palette&, Rng&);

struct Theme {
  std::string_view name;
  Palette palette;  // sky top, sky bottom, badge accent, dark ink, light highlight
  Painter paint;
};

constexpr std::array<Theme, 8> kThemes{{
    {"city", {hex(0x1B2A59), hex(0x6A3FA0), hex(0xFFB703), hex(0x14193A), hex(0xFFE29A)}, paint_city},
    {"beach", {hex(0x1FB5C9), hex(0xF6D9A0), hex(0xFF5A5F), hex(0x0E7C86), hex(0xFFF1B8)}, paint_beach},
    {"spa", {hex(0x8FB996), hex(0xF4EFE1), hex(0xC8553D), hex(0x4F7A5A), hex(0xFFFFFF)}, paint_spa},
    {"food", {hex(0xC8553D), hex(0xF6AE2D), hex(0x1D7874), hex(0x7A2E1F), hex(0xFFF1D6)}, paint_food},
    {"family", {hex(0x4CC9F0), hex(0xFFE66D), hex(0xF72585), hex(0x1D6FA3), hex(0xFFFFFF)}, paint_family},
    {"nature", {hex(0xA4DE02), hex(0x1E5631), hex(0xFF7F11), hex(0x123D22), hex(0xFFF6D5)}, paint_nature},
    {"romance", {hex(0x5E2A5C), hex(0xF08A9B), hex(0xFFD166), hex(0x3D1A3B), hex(0xFFE3EA)}, paint_romance},
    {"business", {hex(0x2F3E4E), hex(0x7F9BB3), hex(0xF4A261), hex(0x1C2733), hex(0xE6EEF5)}, paint_business},
}};
constexpr Theme kDefaultTheme{"", {hex(0x3A0CA3), hex(0x2EC4B6), hex(0xFF9F1C), hex(0x240B63), hex(0xFFFFFF)}, paint_default};

const Theme& theme_for(std::string_view name) {
  const auto* found = std::ranges::find(kThemes, name, &Theme::name);
  return found == kThemes.end() ? kDefaultTheme : *found;
}

// Titles arrive from hoteliers: invalid UTF-8 becomes U+FFFD and control characters become spaces, so a stray
// newline cannot add paragraphs (pango's line limit is per paragraph) and the text stays inside its panel.
std::string clean_text(std::string_view raw, std::size_t max_chars) {
  if (raw.empty()) return {};
  raw = raw.substr(0, max_chars * 4);  // a UTF-8 character is at most 4 bytes, so max_chars characters survive
  const GlibString valid{g_utf8_make_valid(raw.data(), static_cast<gssize>(raw.size()))};
  std::string text;
  std::size_t count = 0;
  for (const gchar* c = valid.get(); *c != '\0' && count < max_chars; c = g_utf8_next_char(c), ++count) {
    const gunichar ch = g_unichar_iscntrl(g_utf8_get_char(c)) ? ' ' : g_utf8_get_char(c);
    gchar bytes[6];
    text.append(bytes, static_cast<std::size_t>(g_unichar_to_utf8(ch, bytes)));
  }
  return text;
}

int pango_units(double pixels) { return static_cast<int>(std::lround(pixels * PANGO_SCALE)); }

// pango_cairo_create_layout uses the calling thread's own default font map, so layouts need no locking.
Layout text_layout(cairo_t* cr, const std::string& text, double pixels, bool bold) {
  Layout layout{pango_cairo_create_layout(cr)};
  const FontDescription font{pango_font_description_new()};
  pango_font_description_set_family(font.get(), "DejaVu Sans");
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), pixels * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

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

// Shrinks the font until the text's ink fits max_width, so "-100%" fits the same badge as "-5%".
Layout fitted_layout(cairo_t* cr, const std::string& text, double pixels, double max_width) {
  Layout layout = text_layout(cr, text, pixels, true);
  PangoRectangle ink{};
  pango_layout_get_pixel_extents(layout.get(), &ink, nullptr);
  if (ink.width <= max_width) return layout;
  return text_layout(cr, text, std::floor(pixels * max_width / ink.width), true);
}

void show_centred(cairo_t* cr, PangoLayout* layout, double cx, double cy) {
  PangoRectangle ink{};
  pango_layout_get_pixel_extents(layout, &ink, nullptr);
  cairo_move_to(cr, cx - ink.x - ink.width / 2.0, cy - ink.y - ink.height / 2.0);
  pango_cairo_show_layout(cr, layout);
}

Rgb readable_on(Rgb background) {
  const double luminance = 0.2126 * background.r + 0.7152 * background.g + 0.0722 * background.b;
  return luminance > 0.6 ? hex(0x1B1B1B) : kWhite;
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

// Called from C: an exception must not unwind through libpng, so failure is reported as a status.
cairo_status_t append_png_chunk(void* closure, const unsigned char* data, unsigned int length) noexcept {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

struct Canvas {
  Surface surface;
  Context cr;
};

Canvas make_canvas(cairo_format_t format, int width, int height) {
  Surface surface{cairo_image_surface_create(format, width, height)};
  check(cairo_surface_status(surface.get()));
  Context cr{cairo_create(surface.get())};
  check(cairo_status(cr.get()));
  return {std::move(surface), std::move(cr)};
}

std::string encode_png(const Canvas& canvas) {
  check(cairo_status(canvas.cr.get()));
  cairo_surface_flush(canvas.surface.get());
  std::string png;
  check(cairo_surface_write_to_png_stream(canvas.surface.get(), append_png_chunk, &png));
  return png;
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

}  // namespace

std::string draw_coupon_png(const CouponArt& art) {
  const Canvas canvas = make_canvas(CAIRO_FORMAT_RGB24, kCouponWidth, kCouponHeight);
  cairo_t* cr = canvas.cr.get();
  const Theme& theme = theme_for(art.theme);
  Rng rng{art.seed};
  paint_background(cr, theme.palette, rng);
  theme.paint(cr, theme.palette, rng);
  paint_caption(cr, art, theme.palette);
  paint_badge(cr, std::clamp(art.discount_percent, 1, 100), theme.palette.accent, rng);
  return encode_png(canvas);
}

std::string draw_logo_png(std::string_view hotel_name, std::uint32_t seed) {
  constexpr double kCentre = kLogoSize / 2.0;
  const Canvas canvas = make_canvas(CAIRO_FORMAT_ARGB32, kLogoSize, kLogoSize);
  cairo_t* cr = canvas.cr.get();
  Rng rng{seed};
  const Palette& p = kThemes[static_cast<std::size_t>(rng.integer(0, kThemes.size() - 1))].palette;
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
  return encode_png(canvas);
}

}  // namespace hc::render
