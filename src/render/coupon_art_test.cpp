#include "render/coupon_art.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include "png_reader.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace hc::render {
namespace {

// Where coupon_art.cpp puts the discount badge; the layout tests below pin that contract.
constexpr int kBadgeX = 1030;
constexpr int kBadgeY = 170;
constexpr int kBadgeReach = 140;

using test_png::decode;
using test_png::pixel;
using test_png::Surface;

int channel(std::uint32_t colour, int shift) { return static_cast<int>((colour >> shift) & 0xFFU); }

//! Sum of per-channel differences between the mean colours of two square boxes.
int box_distance(cairo_surface_t* surface, int ax, int ay, int bx, int by, int size) {
  int distance = 0;
  for (const int shift : {16, 8, 0}) {
    long a = 0;
    long b = 0;
    for (int dy = 0; dy < size; ++dy) {
      for (int dx = 0; dx < size; ++dx) {
        a += channel(pixel(surface, ax + dx, ay + dy), shift);
        b += channel(pixel(surface, bx + dx, by + dy), shift);
      }
    }
    distance += static_cast<int>(std::labs(a - b) / (size * size));
  }
  return distance;
}

struct Box {
  int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1;
  int count = 0;
};

//! The bounding box of the pixels that differ between two images of the same size.
Box difference(const std::string& png_a, const std::string& png_b) {
  const Surface a = decode(png_a);
  const Surface b = decode(png_b);
  Box box;
  for (int y = 0; y < kCouponHeight; ++y) {
    for (int x = 0; x < kCouponWidth; ++x) {
      if (pixel(a.get(), x, y) == pixel(b.get(), x, y)) continue;
      box = {std::min(box.left, x), std::min(box.top, y), std::max(box.right, x), std::max(box.bottom, y), box.count + 1};
    }
  }
  return box;
}

CouponArt sample(std::string theme = "beach", std::uint32_t seed = 1) {
  return {"Winter escape: 3 nights for the price of 2", "Dublin Hotel", 25, std::move(theme), seed};
}

void expect_coupon_png(const std::string& png) {
  ASSERT_GE(png.size(), 8U);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const Surface surface = decode(png);
  EXPECT_EQ(cairo_image_surface_get_width(surface.get()), kCouponWidth);
  EXPECT_EQ(cairo_image_surface_get_height(surface.get()), kCouponHeight);
}

TEST(CouponArt, IsA1200By675Png) { expect_coupon_png(draw_coupon_png(sample())); }

TEST(CouponArt, SameInputGivesIdenticalBytes) {
  for (const auto theme : kCouponThemes) {
    EXPECT_EQ(draw_coupon_png(sample(std::string{theme}, 7)), draw_coupon_png(sample(std::string{theme}, 7))) << theme;
  }
}

TEST(CouponArt, DifferentSeedsGiveDifferentImages) {
  for (const auto theme : kCouponThemes) {
    EXPECT_NE(draw_coupon_png(sample(std::string{theme}, 1)), draw_coupon_png(sample(std::string{theme}, 2))) << theme;
  }
}

TEST(CouponArt, IsNotBlank) {
  for (const auto theme : kCouponThemes) {
    const Surface surface = decode(draw_coupon_png(sample(std::string{theme})));
    std::set<std::uint32_t> colours;
    for (int y = 5; y < kCouponHeight; y += 28) {
      for (int x = 5; x < kCouponWidth; x += 30) colours.insert(pixel(surface.get(), x, y));
    }
    EXPECT_GE(colours.size(), 100U) << theme;
  }
}

TEST(CouponArt, BadgeStandsOutFromTheBackground) {
  for (const auto theme : kCouponThemes) {
    const Surface surface = decode(draw_coupon_png(sample(std::string{theme})));
    EXPECT_GT(box_distance(surface.get(), kBadgeX - 30, kBadgeY - 30, 0, 0, 60), 90) << theme;
  }
}

TEST(CouponArt, DiscountChangesOnlyTheBadge) {
  CouponArt other = sample();
  other.discount_percent = 70;
  const Box box = difference(draw_coupon_png(sample()), draw_coupon_png(other));
  EXPECT_GT(box.count, 500);
  EXPECT_GE(box.left, kBadgeX - kBadgeReach);
  EXPECT_LE(box.right, kBadgeX + kBadgeReach);
  EXPECT_GE(box.top, kBadgeY - kBadgeReach);
  EXPECT_LE(box.bottom, kBadgeY + kBadgeReach);
}

TEST(CouponArt, LongestTitleStaysClearOfTheBadge) {
  CouponArt shortest = sample();
  shortest.title = "A";
  CouponArt longest = sample();
  longest.title = std::string(500, 'W');
  const Box box = difference(draw_coupon_png(shortest), draw_coupon_png(longest));
  EXPECT_GT(box.count, 1000);
  EXPECT_LT(box.right, kBadgeX - kBadgeReach);
  EXPECT_GT(box.top, kBadgeY + kBadgeReach);
}

TEST(CouponArt, AwkwardTextRenders) {
  using namespace std::string_literals;
  const std::vector<std::string> titles{
      "Dublín: café y churros",
      "東京の週末 — 朝食付き 🏨✨",
      "عطلة نهاية الأسبوع في دبي",
      std::string(2000, 'x'),
      "word " + std::string(400, 'y') + " end",
      "line\nbreaks\nand\ttabs\r\neverywhere\n\n\n\nand more\nlines",
      std::string{"invalid \xff\xfe\xc3 utf-8 and a \0 nul"s},
      "",
  };
  for (const auto& title : titles) {
    CouponArt art = sample("city");
    art.title = title;
    art.hotel_name = title;
    expect_coupon_png(draw_coupon_png(art));
  }
}

TEST(CouponArt, EveryThemeHasItsOwnLook) {
  std::set<std::string> images;
  for (const auto theme : kCouponThemes) {
    const std::string png = draw_coupon_png(sample(std::string{theme}));
    expect_coupon_png(png);
    images.insert(png);
  }
  images.insert(draw_coupon_png(sample("no-such-theme")));
  EXPECT_EQ(images.size(), kCouponThemes.size() + 1);
}

TEST(CouponArt, UnknownThemesShareTheDefaultLook) {
  const std::string fallback = draw_coupon_png(sample("no-such-theme"));
  expect_coupon_png(fallback);
  EXPECT_EQ(draw_coupon_png(sample("")), fallback);
  EXPECT_EQ(draw_coupon_png(sample("Beach")), fallback);
}

TEST(CouponArt, DiscountIsClampedTo1Through100) {
  const auto with_discount = [](int percent) {
    CouponArt art = sample("food");
    art.discount_percent = percent;
    return draw_coupon_png(art);
  };
  const std::string one = with_discount(1);
  const std::string hundred = with_discount(100);
  expect_coupon_png(one);
  expect_coupon_png(hundred);
  EXPECT_NE(one, hundred);
  EXPECT_EQ(with_discount(0), one);
  EXPECT_EQ(with_discount(INT_MIN), one);
  EXPECT_EQ(with_discount(101), hundred);
  EXPECT_EQ(with_discount(INT_MAX), hundred);
}

TEST(CouponArt, ConcurrentCallsMatchSerialOnes) {
  std::vector<std::string> expected;
  for (const auto theme : kCouponThemes) expected.push_back(draw_coupon_png(sample(std::string{theme}, 3)));
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&result] {
      for (const auto theme : kCouponThemes) result.push_back(draw_coupon_png(sample(std::string{theme}, 3)));
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result, expected);
}

TEST(Logo, IsA512SquarePngWithTransparentCorners) {
  const std::string png = draw_logo_png("Dublin Hotel", 1);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const Surface surface = decode(png);
  EXPECT_EQ(cairo_image_surface_get_width(surface.get()), kLogoSize);
  EXPECT_EQ(cairo_image_surface_get_height(surface.get()), kLogoSize);
  EXPECT_EQ(pixel(surface.get(), 2, 2) >> 24, 0U);
  EXPECT_EQ(pixel(surface.get(), kLogoSize / 2, 60) >> 24, 0xFFU);
}

TEST(Logo, IsDeterministicAndVariesWithSeedAndName) {
  const std::string logo = draw_logo_png("Dublin Hotel", 1);
  EXPECT_EQ(draw_logo_png("Dublin Hotel", 1), logo);
  EXPECT_NE(draw_logo_png("Dublin Hotel", 2), logo);
  EXPECT_NE(draw_logo_png("Galway Inn", 1), logo);
}

TEST(Logo, AwkwardNamesRender) {
  for (const std::string name : {"", "   ", "émeraude palace", "東京 ホテル", "\xff\xfe", "a-b c-d e-f", "123 Main St"}) {
    const Surface surface = decode(draw_logo_png(name, 9));
    EXPECT_EQ(cairo_image_surface_get_width(surface.get()), kLogoSize) << name;
  }
}

}  // namespace
}  // namespace hc::render
