#pragma once
// The objects the theme scenes are composed of: each adds one motif to the canvas, varied by the Rng.
#include "render/cairo_util.hpp"
#include "render/palette.hpp"
#include "render/rng.hpp"

#include <cairo.h>

#include <optional>

namespace hc::render::detail {

//! A glowing sun somewhere between `x_lo` and `x_hi`, high in the sky.
void paint_sun(cairo_t* cr, Rgb colour, Rng& rng, double x_lo = 190, double x_hi = 620);

//! A flock of three birds high in the sky, right of centre.
void paint_birds(cairo_t* cr, Rgb colour, Rng& rng);

//! A palm tree leaning over from the bottom edge at `x`.
void paint_palm(cairo_t* cr, double x, Rgb colour, Rng& rng);

//! A row of buildings across the canvas, between `min_h` and `max_h` tall, lit by `windows` if given.
void paint_skyline(cairo_t* cr, Rgb colour, double min_h, double max_h, std::optional<Rgb> windows, Rng& rng);

//! A stack of three to five spa stones centred on `cx`, resting near the bottom edge.
void paint_stones(cairo_t* cr, double cx, const Palette& p, Rng& rng);

//! A fork at `fork_x` and a knife at `knife_x`, standing around the height `cy`.
void paint_cutlery(cairo_t* cr, double fork_x, double knife_x, double cy, Rgb colour);

//! Food and herbs scattered over a disc of radius `r` centred on (cx, cy).
void paint_dish(cairo_t* cr, double cx, double cy, double r, Rng& rng);

//! A white cloud starting at (x, y) and reaching right, scaled by `s`.
void paint_cloud(cairo_t* cr, double x, double y, double s);

//! A kite with its tail, centred on (x, y) and tilted at random.
void paint_kite(cairo_t* cr, double x, double y, Rng& rng);

//! Three to five balloons around (x, y), their strings gathered below them.
void paint_balloons(cairo_t* cr, double x, double y, Rng& rng);

//! A mountain range across the canvas with peaks between `peak_lo` and `peak_hi`, snow-capped if `snow`.
void paint_range(cairo_t* cr, double valley_y, double peak_lo, double peak_hi, Rgb colour, bool snow, Rng& rng);

//! A pine tree `h` tall standing at `x` on the line `base`.
void paint_pine(cairo_t* cr, double x, double base, double h, Rgb colour);

//! A glowing crescent moon high in the sky.
void paint_moon(cairo_t* cr, Rgb colour, Rng& rng);

//! A rising line chart across the left of the sky.
void paint_chart(cairo_t* cr, Rgb colour, Rng& rng);

//! A leather briefcase centred on (cx, cy) with its clasp in `clasp`.
void paint_briefcase(cairo_t* cr, double cx, double cy, Rgb clasp);

}  // namespace hc::render::detail
