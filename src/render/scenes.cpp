#include "render/scenes.hpp"

#include "render/cairo_util.hpp"
#include "render/coupon_art.hpp"
#include "render/motifs.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace hc::render::detail {
namespace {

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

void paint_city(cairo_t* cr, const Palette& p, Rng& rng) {
  for (int i = 0; i < 45; ++i) {
    fill_circle(cr, rng.real(0, kWidth), rng.real(0, 330), rng.real(1, 2.6), kWhite, rng.real(0.3, 0.9));
  }
  paint_sun(cr, p.light, rng);
  paint_skyline(cr, mix(p.ink, p.bottom, 0.45), 200, 330, std::nullopt, rng);
  paint_skyline(cr, p.ink, 90, 250, p.light, rng);
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

void paint_family(cairo_t* cr, const Palette& p, Rng& rng) {
  paint_sun(cr, hex(0xFFD60A), rng, 110, 250);
  for (int i = 0; i < 3; ++i) {
    paint_cloud(cr, rng.real(80 + 250 * i, 200 + 250 * i), rng.real(90, 290), rng.real(0.7, 1.1));
  }
  const double phase = rng.real(0, 2 * kPi);
  wave_band(cr, 520, 30, 1100, phase);
  fill(cr, mix(hex(0x8AC926), p.top, 0.3));
  wave_band(cr, 590, 20, 800, phase + 2);
  fill(cr, hex(0x52A447));
  paint_kite(cr, rng.real(470, 700), rng.real(110, 170), rng);
  paint_balloons(cr, rng.real(960, 1040), rng.real(380, 410), rng);
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

struct ThemeScene {
  std::string_view theme;
  Painter paint;
};

constexpr std::array<ThemeScene, kCouponThemes.size()> kScenes{{
    {"city", paint_city},
    {"beach", paint_beach},
    {"spa", paint_spa},
    {"food", paint_food},
    {"family", paint_family},
    {"nature", paint_nature},
    {"romance", paint_romance},
    {"business", paint_business},
}};
// Every public theme must get its own scene, not the default; listing them in the same order lets the compiler
// check that.
static_assert(std::ranges::equal(kScenes, kCouponThemes, {}, &ThemeScene::theme));

}  // namespace

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

Painter scene_for(std::string_view theme) {
  const auto* found = std::ranges::find(kScenes, theme, &ThemeScene::theme);
  return found == kScenes.end() ? paint_default : found->paint;
}

}  // namespace hc::render::detail
