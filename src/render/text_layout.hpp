#pragma once
// Text on the artwork: hoteliers' strings made safe to lay out, and pango layouts in the artwork's typeface.
#include "render/cairo_util.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace hc::render::detail {

//! At most `max_chars` characters of valid UTF-8, with control characters replaced by spaces.
std::string clean_text(std::string_view raw, std::size_t max_chars);

//! A layout of `text` in the artwork's typeface at `pixels`, bold if `bold`.
Layout text_layout(cairo_t* cr, const std::string& text, double pixels, bool bold);

//! A bold layout of `text` at `pixels`, or smaller if its ink would be wider than `max_width`.
Layout fitted_layout(cairo_t* cr, const std::string& text, double pixels, double max_width);

//! Draws the layout with its ink centred on (cx, cy) in the current source colour.
void show_centred(cairo_t* cr, PangoLayout* layout, double cx, double cy);

}  // namespace hc::render::detail
