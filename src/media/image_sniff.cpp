#include "media/image_sniff.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace hc::media {
namespace {

using Bytes = std::span<const unsigned char>;

struct Size {
  std::uint32_t width;
  std::uint32_t height;
};

using Parsed = Result<Size, ImageProblem>;
using Sniffed = Result<ImageInfo, ImageProblem>;

// PNG stores dimensions as 31-bit values; anything larger is a damaged or hostile header.
constexpr std::uint32_t kMaxDimension = 0x7FFF'FFFFU;

constexpr std::array<unsigned char, 8> kPngSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
constexpr std::array<unsigned char, 12> kPngIend{0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
constexpr std::array<unsigned char, 3> kJpegStart{0xFF, 0xD8, 0xFF};
constexpr std::array<unsigned char, 4> kRiff{'R', 'I', 'F', 'F'};
constexpr std::array<unsigned char, 4> kWebp{'W', 'E', 'B', 'P'};
constexpr std::size_t kPngClaim = 4;   // "\x89PNG"
constexpr std::size_t kJpegClaim = 2;  // SOI

Failure<ImageProblem> truncated() { return Failure{ImageProblem::truncated}; }

bool has(Bytes b, std::size_t at, std::size_t count) { return at <= b.size() && count <= b.size() - at; }

// The readers below trust their caller to have checked the bounds with has().
std::uint32_t be16(Bytes b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) << 8U | static_cast<std::uint32_t>(b[at + 1]);
}

std::uint32_t be32(Bytes b, std::size_t at) { return be16(b, at) << 16U | be16(b, at + 2); }

std::uint32_t le16(Bytes b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at + 1]) << 8U | static_cast<std::uint32_t>(b[at]);
}

std::uint32_t le24(Bytes b, std::size_t at) { return static_cast<std::uint32_t>(b[at + 2]) << 16U | le16(b, at); }

std::uint32_t le32(Bytes b, std::size_t at) { return le16(b, at + 2) << 16U | le16(b, at); }

// True when the bytes agree with `magic` as far as both go, so a cut-short header still agrees.
bool agrees(Bytes b, Bytes magic) {
  const std::size_t n = std::min(b.size(), magic.size());
  return std::equal(magic.begin(), magic.begin() + static_cast<std::ptrdiff_t>(n), b.begin());
}

bool tag_is(Bytes b, std::size_t at, std::string_view tag) {
  if (!has(b, at, tag.size())) return false;
  return std::equal(tag.begin(), tag.end(), b.begin() + static_cast<std::ptrdiff_t>(at),
                    [](char t, unsigned char c) { return static_cast<unsigned char>(t) == c; });
}

std::uint32_t crc32(Bytes data) {
  std::uint32_t crc = 0xFFFF'FFFFU;
  for (const unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1U) ^ (0xEDB8'8320U & (0U - (crc & 1U)));
  }
  return ~crc;
}

// PNG: the signature, then IHDR (length 13, type, width, height, 5 more bytes, CRC); the file ends with IEND.
Parsed png_size(Bytes b) {
  constexpr std::size_t kIhdrType = 12;
  constexpr std::size_t kIhdrCrc = 29;
  constexpr std::size_t kIhdrEnd = 33;
  if (b.size() < kIhdrEnd + kPngIend.size()) return truncated();
  if (be32(b, 8) != 13 || !tag_is(b, kIhdrType, "IHDR")) return truncated();
  if (crc32(b.subspan(kIhdrType, kIhdrCrc - kIhdrType)) != be32(b, kIhdrCrc)) return truncated();
  if (!std::ranges::equal(b.last(kPngIend.size()), kPngIend)) return truncated();
  return Size{be32(b, 16), be32(b, 20)};
}

bool is_jpeg_frame_header(unsigned char marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool is_jpeg_standalone(unsigned char marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7); }

// Scan data, a second start or the end all mean that no frame header came where it must.
bool ends_jpeg_header(unsigned char marker) {
  return marker == 0x00 || marker == 0xD8 || marker == 0xD9 || marker == 0xDA;
}

// JPEG: walks the marker segments after SOI until a frame header (SOF) gives the size.
Parsed jpeg_size(Bytes b) {
  if (b.size() < 4 || b[b.size() - 2] != 0xFF || b[b.size() - 1] != 0xD9) return truncated();
  std::size_t at = 2;
  while (true) {
    if (at >= b.size() || b[at] != 0xFF) return truncated();
    while (at < b.size() && b[at] == 0xFF) ++at;
    if (at >= b.size()) return truncated();
    const unsigned char marker = b[at++];
    if (is_jpeg_standalone(marker)) continue;
    if (ends_jpeg_header(marker) || !has(b, at, 2)) return truncated();
    const std::size_t length = be16(b, at);
    if (length < 2 || !has(b, at, length)) return truncated();
    if (is_jpeg_frame_header(marker)) {
      // Length (2), sample precision (1), height (2), width (2), component count (1), components.
      if (length < 8) return truncated();
      return Size{be16(b, at + 5), be16(b, at + 3)};
    }
    at += length;
  }
}

// Lossy: a 3-byte frame tag whose low bit is 0 on a key frame, the start code, then 14-bit sizes.
Parsed vp8_size(Bytes p) {
  if (p.size() < 10 || (p[0] & 1U) != 0 || p[3] != 0x9D || p[4] != 0x01 || p[5] != 0x2A) return truncated();
  return Size{le16(p, 6) & 0x3FFFU, le16(p, 8) & 0x3FFFU};
}

// Lossless: signature 0x2F, then width-1 and height-1 in 14 bits each, an alpha bit and a 3-bit version 0.
Parsed vp8l_size(Bytes p) {
  if (p.size() < 5 || p[0] != 0x2F) return truncated();
  const std::uint32_t bits = le32(p, 1);
  if ((bits >> 29U) != 0) return truncated();
  return Size{(bits & 0x3FFFU) + 1, ((bits >> 14U) & 0x3FFFU) + 1};
}

// Extended: flags (1), reserved (3), canvas width-1 (3), canvas height-1 (3).
Parsed vp8x_size(Bytes p) {
  if (p.size() < 10) return truncated();
  return Size{le24(p, 4) + 1, le24(p, 7) + 1};
}

// WebP: "RIFF" <size> "WEBP", then the first chunk: its four-character code, its size and its payload.
Parsed webp_size(Bytes b) {
  constexpr std::size_t kChunkTag = 12;
  constexpr std::size_t kPayload = 20;
  if (b.size() < kPayload) return truncated();
  const std::uint64_t riff_end = std::uint64_t{le32(b, 4)} + 8;
  const std::uint64_t chunk_end = std::uint64_t{le32(b, 16)} + kPayload;
  if (riff_end > b.size() || chunk_end > riff_end) return truncated();
  const Bytes payload = b.subspan(kPayload, static_cast<std::size_t>(chunk_end) - kPayload);
  if (tag_is(b, kChunkTag, "VP8 ")) return vp8_size(payload);
  if (tag_is(b, kChunkTag, "VP8L")) return vp8l_size(payload);
  if (tag_is(b, kChunkTag, "VP8X")) return vp8x_size(payload);
  return truncated();
}

enum class Claim { none, cut_short, whole };

// A header claims its format once it shows `claim_length` bytes of the magic; fewer prove nothing.
Claim claim(Bytes b, bool agreeing, std::size_t magic_length, std::size_t claim_length) {
  if (!agreeing || b.size() < claim_length) return Claim::none;
  return b.size() >= magic_length ? Claim::whole : Claim::cut_short;
}

Claim magic_claim(Bytes b, Bytes magic, std::size_t claim_length) {
  return claim(b, agrees(b, magic), magic.size(), claim_length);
}

Claim webp_claim(Bytes b) {
  constexpr std::size_t kFormAt = 8;
  const bool agreeing = agrees(b, kRiff) && agrees(b.subspan(std::min(b.size(), kFormAt)), kWebp);
  return claim(b, agreeing, kFormAt + kWebp.size(), kRiff.size());
}

Sniffed checked(ImageFormat format, Size size, std::uint64_t max_pixels) {
  if (size.width == 0 || size.height == 0 || size.width > kMaxDimension || size.height > kMaxDimension) {
    return Failure{ImageProblem::bad_dimensions};
  }
  if (std::uint64_t{size.width} * size.height > max_pixels) return Failure{ImageProblem::too_many_pixels};
  return ImageInfo{format, size.width, size.height};
}

struct Candidate {
  ImageFormat format;
  Claim claim;
  Parsed (*parse)(Bytes);
};

}  // namespace

std::string_view media_type(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg:
      return "image/jpeg";
    case ImageFormat::png:
      return "image/png";
    case ImageFormat::webp:
      break;
  }
  return "image/webp";
}

std::string_view extension(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg:
      return "jpg";
    case ImageFormat::png:
      return "png";
    case ImageFormat::webp:
      break;
  }
  return "webp";
}

std::string_view describe(ImageProblem problem) {
  switch (problem) {
    case ImageProblem::unsupported_type:
      return "Only JPEG, PNG or WebP images are accepted";
    case ImageProblem::truncated:
      return "The image file is incomplete or damaged";
    case ImageProblem::too_many_pixels:
      return "The image is larger than 40 megapixels";
    case ImageProblem::bad_dimensions:
      break;
  }
  return "The image has invalid dimensions";
}

Result<ImageInfo, ImageProblem> sniff_image(std::span<const unsigned char> bytes, std::uint64_t max_pixels) {
  const std::array candidates{
      Candidate{ImageFormat::png, magic_claim(bytes, kPngSignature, kPngClaim), &png_size},
      Candidate{ImageFormat::jpeg, magic_claim(bytes, kJpegStart, kJpegClaim), &jpeg_size},
      Candidate{ImageFormat::webp, webp_claim(bytes), &webp_size},
  };
  for (const Candidate& candidate : candidates) {
    if (candidate.claim == Claim::cut_short) return truncated();
    if (candidate.claim != Claim::whole) continue;
    const Parsed size = candidate.parse(bytes);
    if (!size) return Failure{size.error()};
    return checked(candidate.format, *size, max_pixels);
  }
  return Failure{ImageProblem::unsupported_type};
}

}  // namespace hc::media
