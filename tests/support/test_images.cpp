#include "test_images.hpp"

#include <array>

namespace hc::test_images {
namespace {

void append(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

void append(Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); }

void put_be(Bytes& out, std::uint32_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

void put_le(Bytes& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

// A lossless 1x1 opaque black pixel: no transform, no colour cache, five one-symbol prefix codes.
constexpr std::array<unsigned char, 9> kVp8lPixel{0x2F, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0xFE, 0x07};

}  // namespace

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

Bytes png(std::uint32_t width, std::uint32_t height, bool with_body) {
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

Bytes webp_lossy_header(std::uint32_t width, std::uint32_t height) {
  Bytes vp8{0x10, 0x00, 0x00, 0x9D, 0x01, 0x2A};
  put_le(vp8, width, 2);
  put_le(vp8, height, 2);
  vp8.insert(vp8.end(), 8, 0x00);
  return riff_webp(webp_chunk("VP8 ", vp8));
}

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

std::string as_string(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

}  // namespace hc::test_images
