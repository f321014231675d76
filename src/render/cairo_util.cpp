#include "render/cairo_util.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace hc::render::detail {
// Called from C: an exception must not unwind through cairo or libpng, so failure is reported as a status.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) noexcept {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error{std::string{"cairo: "} + cairo_status_to_string(status)};
}

Canvas make_canvas(cairo_format_t format, int width, int height) {
  Surface surface{cairo_image_surface_create(format, width, height)};
  check(cairo_surface_status(surface.get()));
  Context cr{cairo_create(surface.get())};
  check(cairo_status(cr.get()));
  return {std::move(surface), std::move(cr)};
}

std::string encode_png(const Canvas& canvas) {
  check(cairo_status(canvas.cr.get()));
  cairo_surface_flush(canvas.surface.get());
  std::string png;
  check(cairo_surface_write_to_png_stream(canvas.surface.get(), append_to_string, &png));
  return png;
}

void set_colour(cairo_t* cr, Rgb c, double alpha) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

void fill(cairo_t* cr, Rgb c, double alpha) {
  set_colour(cr, c, alpha);
  cairo_fill(cr);
}

void stroke(cairo_t* cr, double width, Rgb c, double alpha) {
  set_colour(cr, c, alpha);
  cairo_set_line_width(cr, width);
  cairo_stroke(cr);
}

void circle(cairo_t* cr, double x, double y, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x, y, r, 0, 2 * kPi);
}

void fill_circle(cairo_t* cr, double x, double y, double r, Rgb c, double alpha) {
  circle(cr, x, y, r);
  fill(cr, c, alpha);
}

void ellipse(cairo_t* cr, double x, double y, double rx, double ry) {
  cairo_save(cr);  // the path keeps its device-space shape after the scale is restored
  cairo_translate(cr, x, y);
  cairo_scale(cr, rx, ry);
  circle(cr, 0, 0, 1);
  cairo_restore(cr);
}

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -kPi / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, kPi / 2);
  cairo_arc(cr, x + r, y + h - r, r, kPi / 2, kPi);
  cairo_arc(cr, x + r, y + r, r, kPi, 3 * kPi / 2);
  cairo_close_path(cr);
}

// Alternating radii: five points make a star, four a sparkle, thirty a sticker's serrated edge.
void star(cairo_t* cr, double x, double y, double outer, double inner, int points) {
  cairo_new_sub_path(cr);
  for (int i = 0; i < 2 * points; ++i) {
    const double r = i % 2 == 0 ? outer : inner;
    const double a = -kPi / 2 + kPi * i / points;
    cairo_line_to(cr, x + r * std::cos(a), y + r * std::sin(a));
  }
  cairo_close_path(cr);
}

void heart(cairo_t* cr, double x, double y, double size, double angle) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, angle);
  cairo_scale(cr, size / 2, size / 2);
  cairo_move_to(cr, 0, 0.9);
  cairo_curve_to(cr, -0.6, 0.5, -1.0, 0.1, -1.0, -0.3);
  cairo_curve_to(cr, -1.0, -0.85, -0.3, -1.0, 0, -0.55);
  cairo_curve_to(cr, 0.3, -1.0, 1.0, -0.85, 1.0, -0.3);
  cairo_curve_to(cr, 1.0, 0.1, 0.6, 0.5, 0, 0.9);
  cairo_close_path(cr);
  cairo_restore(cr);
}

// The tip is bent sideways so foliage droops instead of radiating.
void leaf(cairo_t* cr, double x, double y, double angle, double length, double width, double bend) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, angle);
  cairo_move_to(cr, 0, 0);
  cairo_curve_to(cr, length * 0.35, -width, length * 0.75, bend - width * 0.6, length, bend);
  cairo_curve_to(cr, length * 0.75, bend + width * 0.3, length * 0.35, width * 0.7, 0, 0);
  cairo_close_path(cr);
  cairo_restore(cr);
}

void wave_band(cairo_t* cr, double y, double amplitude, double wavelength, double phase) {
  cairo_move_to(cr, 0, kHeight);
  for (double x = 0; x <= kWidth + 8; x += 8) {
    cairo_line_to(cr, x, y + amplitude * std::sin(2 * kPi * x / wavelength + phase));
  }
  cairo_line_to(cr, kWidth + 8, kHeight);
  cairo_close_path(cr);
}

void glow(cairo_t* cr, double x, double y, double r, Rgb c, double alpha) {
  const Pattern halo{cairo_pattern_create_radial(x, y, 0, x, y, r)};
  cairo_pattern_add_color_stop_rgba(halo.get(), 0, c.r, c.g, c.b, alpha);
  cairo_pattern_add_color_stop_rgba(halo.get(), 1, c.r, c.g, c.b, 0);
  cairo_set_source(cr, halo.get());
  circle(cr, x, y, r);
  cairo_fill(cr);
}

}  // namespace hc::render::detail
