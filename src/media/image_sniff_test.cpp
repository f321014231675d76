#include "media/image_sniff.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace hc::media {
namespace {

using Bytes = std::vector<unsigned char>;
using namespace std::string_view_literals;

void append(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

void append(Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); }

void put_be(Bytes& out, std::uint32_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

void put_le(Bytes& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

std::uint32_t crc32(const Bytes& data) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (const unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1U) != 0 ? (crc >> 1U) ^ 0xEDB88320U : crc >> 1U;
  }
  return ~crc;
}

std::uint32_t adler32(const Bytes& data) {
  std::uint32_t a = 1;
  std::uint32_t b = 0;
  for (const unsigned char byte : data) {
    a = (a + byte) % 65521U;
    b = (b + a) % 65521U;
  }
  return b << 16U | a;
}

Bytes png_chunk(std::string_view type, const Bytes& data) {
  Bytes typed;
  append(typed, type);
  append(typed, data);
  Bytes chunk;
  put_be(chunk, static_cast<std::uint32_t>(data.size()), 4);
  append(chunk, typed);
  put_be(chunk, crc32(typed), 4);
  return chunk;
}

// An 8-bit greyscale PNG; with a body, its IDAT holds one mid-grey pixel in a stored (uncompressed) deflate block.
Bytes png(std::uint32_t width, std::uint32_t height, bool with_body = true) {
  Bytes ihdr;
  put_be(ihdr, width, 4);
  put_be(ihdr, height, 4);
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});
  const Bytes scanline{0x00, 0x80};  // filter type 0, one pixel
  Bytes zlib{0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF};
  append(zlib, scanline);
  put_be(zlib, adler32(scanline), 4);
  Bytes out{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  append(out, png_chunk("IHDR", ihdr));
  if (with_body) append(out, png_chunk("IDAT", zlib));
  append(out, png_chunk("IEND", {}));
  return out;
}

// A baseline greyscale JPEG: JFIF, a flat quantisation table, and one-code Huffman tables, so one 8x8 block
// (DC difference 0, then end-of-block) codes as two 0 bits padded with 1s. Decoders accept it whole at 8x8;
// other sizes lack blocks, which only a decoder would notice.
Bytes jpeg(std::uint32_t width, std::uint32_t height) {
  Bytes out{0xFF, 0xD8};
  out.insert(out.end(),
             {0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00});
  out.insert(out.end(), {0xFF, 0xDB, 0x00, 0x43, 0x00});
  out.insert(out.end(), 64, 0x01);
  out.insert(out.end(), {0xFF, 0xC0, 0x00, 0x0B, 0x08});
  put_be(out, height, 2);
  put_be(out, width, 2);
  out.insert(out.end(), {0x01, 0x01, 0x11, 0x00});
  for (const unsigned char table_class : std::array<unsigned char, 2>{0x00, 0x10}) {
    out.insert(out.end(), {0xFF, 0xC4, 0x00, 0x14, table_class, 0x01});
    out.insert(out.end(), 15, 0x00);
    out.push_back(0x00);
  }
  out.insert(out.end(), {0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00});
  out.insert(out.end(), {0x3F, 0xFF, 0xD9});
  return out;
}

Bytes riff_webp(const Bytes& chunks) {
  Bytes out;
  append(out, "RIFF");
  put_le(out, static_cast<std::uint32_t>(4 + chunks.size()), 4);
  append(out, "WEBP");
  append(out, chunks);
  return out;
}

Bytes webp_chunk(std::string_view tag, const Bytes& payload) {
  Bytes chunk;
  append(chunk, tag);
  put_le(chunk, static_cast<std::uint32_t>(payload.size()), 4);
  append(chunk, payload);
  if (payload.size() % 2 != 0) chunk.push_back(0);
  return chunk;
}

// A lossless 1x1 opaque black pixel: no transform, no colour cache, five one-symbol prefix codes.
constexpr std::array<unsigned char, 9> kVp8lPixel{0x2F, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0xFE, 0x07};

Bytes vp8l_pixel() { return Bytes(kVp8lPixel.begin(), kVp8lPixel.end()); }

Bytes webp_lossless() { return riff_webp(webp_chunk("VP8L", vp8l_pixel())); }

Bytes webp_extended(std::uint32_t canvas_width, std::uint32_t canvas_height) {
  Bytes vp8x{0x00, 0x00, 0x00, 0x00};
  put_le(vp8x, canvas_width - 1, 3);
  put_le(vp8x, canvas_height - 1, 3);
  Bytes chunks = webp_chunk("VP8X", vp8x);
  append(chunks, webp_chunk("VP8L", vp8l_pixel()));
  return riff_webp(chunks);
}

// Only the lossy key-frame header: the sniffer never reads the compressed partitions.
Bytes webp_lossy_header(std::uint32_t width, std::uint32_t height) {
  Bytes vp8{0x10, 0x00, 0x00, 0x9D, 0x01, 0x2A};
  put_le(vp8, width, 2);
  put_le(vp8, height, 2);
  vp8.insert(vp8.end(), 8, 0x00);
  return riff_webp(webp_chunk("VP8 ", vp8));
}

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

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
