// An uploaded file's bytes through the image sniffer (media/image_sniff.hpp), with the default pixel limit and a
// small one. An accepted image has a size within the limit.
#include "media/image_sniff.hpp"

#include <cstdint>
#include <cstdlib>
#include <span>

namespace {

void sniff(std::span<const unsigned char> bytes, std::uint64_t max_pixels) {
  const auto info = hc::media::sniff_image(bytes, max_pixels);
  if (!info) {
    if (hc::media::describe(info.error()).empty()) std::abort();
    return;
  }
  if (info->width == 0 || info->height == 0) std::abort();
  if (std::uint64_t{info->width} * info->height > max_pixels) std::abort();
  if (hc::media::media_type(info->format).empty() || hc::media::extension(info->format).empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> bytes(data, size);
  sniff(bytes, hc::media::kDefaultMaxPixels);
  sniff(bytes, 4096);
  return 0;
}
