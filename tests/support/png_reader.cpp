#include "png_reader.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string_view>

namespace hc::test_png {
namespace {

struct Reader {
  std::string_view bytes;
  std::size_t offset = 0;
};

cairo_status_t read_chunk(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<Reader*>(closure);
  if (reader->bytes.size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes.data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Surface decode(const std::string& png) {
  Reader reader{png};
  Surface surface{cairo_image_surface_create_from_png_stream(read_chunk, &reader)};
  EXPECT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
  return surface;
}

std::uint32_t pixel(cairo_surface_t* surface, int x, int y) {
  const unsigned char* row =
      cairo_image_surface_get_data(surface) + static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(surface);
  std::uint32_t value = 0;
  std::memcpy(&value, row + static_cast<std::ptrdiff_t>(x) * 4, sizeof value);
  return value;
}

}  // namespace hc::test_png
