#include "render/motifs.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace hc::render::detail {
namespace {

void paint_windows(cairo_t* cr, double x, double y, double w, Rgb colour, Rng& rng) {
  for (double wy = y + 16; wy + 14 < kHeight; wy += 26) {
    for (double wx = x + 12; wx + 18 < x + w; wx += 20) {
      if (rng.chance(0.35)) cairo_rectangle(cr, wx, wy, 10, 14);
    }
  }
  fill(cr, colour, 0.85);
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

}  // namespace

void paint_sun(cairo_t* cr, Rgb colour, Rng& rng, double x_lo, double x_hi) {
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
  for (std::size_t i = 1; snow && i + 1 < ridge.size(); i += 2) {
    paint_snow_cap(cr, ridge[i - 1], ridge[i], ridge[i + 1]);
  }
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

}  // namespace hc::render::detail
