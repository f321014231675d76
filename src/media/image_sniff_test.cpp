#include "media/image_sniff.hpp"

#include "test_images.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace hc::media {
namespace {

using test_images::Bytes;
using test_images::jpeg;
using test_images::png;
using test_images::text;
using test_images::webp_extended;
using test_images::webp_lossless;
using test_images::webp_lossy_header;
using namespace std::string_view_literals;

Result<ImageInfo, ImageProblem> sniff(const Bytes& bytes) { return sniff_image(bytes); }

void expect_image(const Bytes& bytes, ImageFormat format, std::uint32_t width, std::uint32_t height) {
  const auto info = sniff(bytes);
  ASSERT_TRUE(info.ok()) << describe(info.error());
  EXPECT_EQ(info->format, format);
  EXPECT_EQ(info->width, width);
  EXPECT_EQ(info->height, height);
}

void expect_problem(const Bytes& bytes, ImageProblem problem) {
  const auto info = sniff(bytes);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error(), problem) << describe(info.error());
}

std::vector<Bytes> valid_images() {
  return {png(1, 1), jpeg(8, 8), webp_lossless(), webp_extended(1, 1), webp_lossy_header(640, 480)};
}

TEST(SniffImage, ReadsFormatAndSizeOfEachFormat) {
  expect_image(png(1, 1), ImageFormat::png, 1, 1);
  expect_image(jpeg(8, 8), ImageFormat::jpeg, 8, 8);
  expect_image(jpeg(1024, 768), ImageFormat::jpeg, 1024, 768);
  expect_image(webp_lossless(), ImageFormat::webp, 1, 1);
  expect_image(webp_extended(1, 1), ImageFormat::webp, 1, 1);
  expect_image(webp_extended(3000, 2000), ImageFormat::webp, 3000, 2000);
  expect_image(webp_lossy_header(640, 480), ImageFormat::webp, 640, 480);
}

TEST(SniffImage, NamesMediaTypeAndExtension) {
  EXPECT_EQ(media_type(ImageFormat::jpeg), "image/jpeg");
  EXPECT_EQ(media_type(ImageFormat::png), "image/png");
  EXPECT_EQ(media_type(ImageFormat::webp), "image/webp");
  EXPECT_EQ(extension(ImageFormat::jpeg), "jpg");
  EXPECT_EQ(extension(ImageFormat::png), "png");
  EXPECT_EQ(extension(ImageFormat::webp), "webp");
  EXPECT_EQ(describe(ImageProblem::unsupported_type), "Only JPEG, PNG or WebP images are accepted");
}

TEST(SniffImage, SkipsJpegFillBytesAndStandaloneMarkers) {
  Bytes padded = jpeg(16, 9);
  const Bytes extra{0xFF, 0xFF, 0xD0, 0xFF, 0x01};  // fill bytes, RST0, TEM
  padded.insert(padded.begin() + 2, extra.begin(), extra.end());
  expect_image(padded, ImageFormat::jpeg, 16, 9);
}

TEST(SniffImage, RefusesWhatIsNotAnAcceptedImage) {
  expect_problem({}, ImageProblem::unsupported_type);
  expect_problem(text("<!DOCTYPE html><html><body>hi</body></html>"), ImageProblem::unsupported_type);
  expect_problem(text(R"(<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>)"),
                 ImageProblem::unsupported_type);
  expect_problem(text("<?xml version=\"1.0\"?><svg/>"), ImageProblem::unsupported_type);
  expect_problem(text("GIF89a\x01\x00\x01\x00\x00\x00\x00;"sv), ImageProblem::unsupported_type);
  expect_problem(text("BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"sv), ImageProblem::unsupported_type);
  Bytes wave = webp_lossless();
  std::copy_n("WAVE", 4, wave.begin() + 8);
  expect_problem(wave, ImageProblem::unsupported_type);
}

TEST(SniffImage, RefusesTruncatedImages) {
  for (const Bytes& image : valid_images()) {
    expect_problem(Bytes(image.begin(), image.end() - 1), ImageProblem::truncated);
  }
  const Bytes whole = png(1, 1);
  for (const std::size_t cut : {4U, 8U, 12U, 16U, 24U, 32U, 33U, 40U, 44U}) {
    expect_problem(Bytes(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut)), ImageProblem::truncated);
  }
}

TEST(SniffImage, RefusesDamagedHeaders) {
  Bytes bad_crc = png(1, 1);
  bad_crc[20] ^= 0x01U;
  expect_problem(bad_crc, ImageProblem::truncated);
  Bytes short_riff = webp_lossless();
  short_riff[4] = 4;  // smaller than the VP8L chunk it holds
  expect_problem(short_riff, ImageProblem::truncated);
  Bytes no_eoi = jpeg(8, 8);
  no_eoi.back() = 0x00;
  expect_problem(no_eoi, ImageProblem::truncated);
}

TEST(SniffImage, RefusesTooManyPixels) {
  expect_problem(png(50000, 50000), ImageProblem::too_many_pixels);
  expect_problem(png(50000, 50000, false), ImageProblem::too_many_pixels);
  expect_problem(jpeg(65535, 65535), ImageProblem::too_many_pixels);
  expect_problem(webp_extended(16'777'216, 16'777'216), ImageProblem::too_many_pixels);
  expect_image(png(8000, 5000), ImageFormat::png, 8000, 5000);
  EXPECT_FALSE(sniff_image(png(8000, 5000), 39'999'999).ok());
}

TEST(SniffImage, RefusesBadDimensions) {
  expect_problem(jpeg(8, 0), ImageProblem::bad_dimensions);
  expect_problem(jpeg(0, 8), ImageProblem::bad_dimensions);
  expect_problem(png(0, 1), ImageProblem::bad_dimensions);
  expect_problem(png(1, 0x80000000U), ImageProblem::bad_dimensions);
  expect_problem(webp_lossy_header(0, 480), ImageProblem::bad_dimensions);
}

void expect_sane(const Bytes& bytes) {
  const auto info = sniff(bytes);
  if (!info) return;
  EXPECT_GT(info->width, 0U);
  EXPECT_GT(info->height, 0U);
  EXPECT_LE(std::uint64_t{info->width} * info->height, kDefaultMaxPixels);
}

TEST(SniffImage, EveryPrefixOfAValidImageIsRefused) {
  for (const Bytes& image : valid_images()) {
    for (std::size_t length = 0; length < image.size(); ++length) {
      const Bytes prefix(image.begin(), image.begin() + static_cast<std::ptrdiff_t>(length));
      const auto info = sniff(prefix);
      ASSERT_FALSE(info.ok()) << length;
      if (length >= 4) {
        EXPECT_EQ(info.error(), ImageProblem::truncated) << length;
      }
    }
  }
}

TEST(SniffImage, SurvivesRandomAndMutatedInput) {
  std::mt19937 random(20240601U);
  std::uniform_int_distribution<int> byte(0, 255);
  const auto random_byte = [&] { return static_cast<unsigned char>(byte(random)); };
  const std::vector<Bytes> images = valid_images();
  for (int round = 0; round < 10'000; ++round) {
    Bytes buffer(std::uniform_int_distribution<std::size_t>(0, 300)(random));
    for (unsigned char& b : buffer) b = random_byte();
    expect_sane(buffer);
    // A valid image with a few bytes overwritten reaches deep into each parser.
    Bytes mutated = images[static_cast<std::size_t>(round) % images.size()];
    for (int flips = 1 + round % 4; flips > 0; --flips) {
      mutated[std::uniform_int_distribution<std::size_t>(0, mutated.size() - 1)(random)] = random_byte();
    }
    expect_sane(mutated);
  }
}

}  // namespace
}  // namespace hc::media
