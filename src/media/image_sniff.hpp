#pragma once
// Recognises an uploaded image from its bytes alone: a file name or a declared Content-Type is whatever the
// client says, so neither decides what is stored or served back. Only the header is read, never the pixels.
#include <cstdint>
#include <span>
#include <string_view>

#include "core/result.hpp"

namespace hc::media {

enum class ImageFormat { jpeg, png, webp };

//! The IANA media type of the format, e.g. "image/png".
std::string_view media_type(ImageFormat format);

//! The usual file extension of the format without the dot, e.g. "jpg".
std::string_view extension(ImageFormat format);

struct ImageInfo {
  ImageFormat format;
  std::uint32_t width;
  std::uint32_t height;
};

enum class ImageProblem { unsupported_type, truncated, too_many_pixels, bad_dimensions };

//! A message for the person who uploaded the image.
std::string_view describe(ImageProblem problem);

inline constexpr std::uint64_t kDefaultMaxPixels = 40'000'000;

//! The format and size of a JPEG, PNG or WebP image, or why the bytes are not one this system accepts.
Result<ImageInfo, ImageProblem> sniff_image(std::span<const unsigned char> bytes,
                                            std::uint64_t max_pixels = kDefaultMaxPixels);

}  // namespace hc::media
