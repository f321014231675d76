#include "media/upload.hpp"

#include "media/image_sniff.hpp"

#include <span>

namespace hc::media {

Result<std::string, Error> store_image(objects::ObjectStore& store, std::string_view folder, std::string_view bytes) {
  const std::span<const unsigned char> data(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  auto image = sniff_image(data);
  if (!image) {
    const bool too_large = image.error() == ImageProblem::too_many_pixels;
    Error error = make_error(too_large ? Errc::payload_too_large : Errc::unsupported_media_type);
    error.message = std::string(describe(image.error()));
    return Failure{std::move(error)};
  }
  std::string key = objects::new_key(folder, extension(image->format));
  store.put(key, bytes, media_type(image->format));
  return key;
}

std::string media_url(std::string_view key) { return "/media/" + std::string(key); }

void remove_replaced(objects::ObjectStore& store, std::string_view previous_key) {
  if (previous_key.empty()) return;
  try {
    store.remove(previous_key);
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): an unreferenced file is harmless
  }
}

}  // namespace hc::media
