#pragma once
// What every part of the artwork draws with: owning handles for cairo and pango objects, the canvas and its PNG
// encoding, and the paths and fills the scenes, caption and badge are built from.
#include "render/coupon_art.hpp"
#include "render/palette.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <numbers>
#include <string>
#include <utility>

namespace hc::render::detail {

inline constexpr double kPi = std::numbers::pi;
// The coupon canvas in the doubles cairo draws with.
inline constexpr double kWidth = kCouponWidth;
inline constexpr double kHeight = kCouponHeight;

//! A position on the canvas, x then y.
using Point = std::pair<double, double>;

//! A unique_ptr deleter that hands the object back to its C library.
template <auto Release>
struct Releaser {
  template <typename T>
  void operator()(T* object) const noexcept {
    Release(object);
  }
};
using Surface = std::unique_ptr<cairo_surface_t, Releaser<cairo_surface_destroy>>;
using Context = std::unique_ptr<cairo_t, Releaser<cairo_destroy>>;
using Pattern = std::unique_ptr<cairo_pattern_t, Releaser<cairo_pattern_destroy>>;
using Layout = std::unique_ptr<PangoLayout, Releaser<g_object_unref>>;
using FontDescription = std::unique_ptr<PangoFontDescription, Releaser<pango_font_description_free>>;
using AttrList = std::unique_ptr<PangoAttrList, Releaser<pango_attr_list_unref>>;
using GlibString = std::unique_ptr<gchar, Releaser<g_free>>;

//! An image surface and the context that draws on it.
struct Canvas {
  Surface surface;
  Context cr;
};

//! A cairo write function that appends what cairo writes to the std::string `closure` points to.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) noexcept;

//! Throws std::runtime_error if `status` reports a cairo failure.
void check(cairo_status_t status);

//! A new image surface of the given format and size with a context drawing on it.
Canvas make_canvas(cairo_format_t format, int width, int height);

//! The canvas encoded as PNG bytes; throws std::runtime_error if drawing or encoding failed.
std::string encode_png(const Canvas& canvas);

//! Makes `c` at opacity `alpha` the source for the next fill or stroke.
void set_colour(cairo_t* cr, Rgb c, double alpha = 1.0);

//! Fills the current path with `c` at opacity `alpha`.
void fill(cairo_t* cr, Rgb c, double alpha = 1.0);

//! Strokes the current path `width` wide with `c` at opacity `alpha`.
void stroke(cairo_t* cr, double width, Rgb c, double alpha = 1.0);

//! Adds a circle to the path.
void circle(cairo_t* cr, double x, double y, double r);

//! Fills a circle with `c` at opacity `alpha`.
void fill_circle(cairo_t* cr, double x, double y, double r, Rgb c, double alpha = 1.0);

//! Adds an axis-aligned ellipse to the path.
void ellipse(cairo_t* cr, double x, double y, double rx, double ry);

//! Adds a rectangle with corners rounded to radius `r` to the path.
void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r);

//! Adds a star of `points` points alternating between the `outer` and `inner` radii to the path.
void star(cairo_t* cr, double x, double y, double outer, double inner, int points);

//! Adds a heart `size` across, centred on (x, y) and turned by `angle`, to the path.
void heart(cairo_t* cr, double x, double y, double size, double angle);

//! Adds a leaf from its stem at (x, y) along `angle` to the path; `bend` moves its tip sideways.
void leaf(cairo_t* cr, double x, double y, double angle, double length, double width, double bend);

//! Adds a band whose top edge is a sine wave around `y`, reaching down to the bottom of the canvas, to the path.
void wave_band(cairo_t* cr, double y, double amplitude, double wavelength, double phase);

//! Paints a radial glow of `c`, at opacity `alpha` on (x, y) and fading out by radius `r`.
void glow(cairo_t* cr, double x, double y, double r, Rgb c, double alpha);

}  // namespace hc::render::detail
