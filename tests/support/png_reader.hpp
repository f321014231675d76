#pragma once
// Reading a PNG back with cairo, for tests that check what was drawn.
#include <cairo.h>

#include <cstdint>
#include <memory>
#include <string>

namespace hc::test_png {

struct SurfaceReleaser {
  void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceReleaser>;

//! The PNG decoded by cairo; a failed decode fails the calling test through a status check.
Surface decode(const std::string& png);

//! The pixel as 0xAARRGGBB (premultiplied, as cairo stores it).
std::uint32_t pixel(cairo_surface_t* surface, int x, int y);

}  // namespace hc::test_png
