#pragma once
// The per-theme illustrations that fill the coupon behind its caption and badge.
#include "render/palette.hpp"
#include "render/rng.hpp"

#include <cairo.h>

#include <string_view>

namespace hc::render::detail {

//! Draws one theme's illustration over the background.
using Painter = void (*)(cairo_t*, const Palette&, Rng&);

//! Paints the gradient sky, with a soft light and a few bubbles, that every scene is drawn over.
void paint_background(cairo_t* cr, const Palette& p, Rng& rng);

//! The illustration of a theme in kCouponThemes, or the neutral default one for any other name.
Painter scene_for(std::string_view theme);

}  // namespace hc::render::detail
