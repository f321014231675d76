#include "render/text_layout.hpp"

#include <cmath>

namespace hc::render::detail {

// Titles arrive from hoteliers: invalid UTF-8 becomes U+FFFD and control characters become spaces, so a stray
// newline cannot add paragraphs (pango's line limit is per paragraph) and the text stays inside its panel.
std::string clean_text(std::string_view raw, std::size_t max_chars) {
  if (raw.empty()) return {};
  raw = raw.substr(0, max_chars * 4);  // a UTF-8 character is at most 4 bytes, so max_chars characters survive
  const GlibString valid{g_utf8_make_valid(raw.data(), static_cast<gssize>(raw.size()))};
  std::string text;
  std::size_t count = 0;
  for (const gchar* c = valid.get(); *c != '\0' && count < max_chars; c = g_utf8_next_char(c), ++count) {
    const gunichar ch = g_unichar_iscntrl(g_utf8_get_char(c)) ? ' ' : g_utf8_get_char(c);
    gchar bytes[6];
    text.append(bytes, static_cast<std::size_t>(g_unichar_to_utf8(ch, bytes)));
  }
  return text;
}

// pango_cairo_create_layout uses the calling thread's own default font map, so layouts need no locking.
Layout text_layout(cairo_t* cr, const std::string& text, double pixels, bool bold) {
  Layout layout{pango_cairo_create_layout(cr)};
  const FontDescription font{pango_font_description_new()};
  pango_font_description_set_family(font.get(), "DejaVu Sans");
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), pixels * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

// Shrinking to the ink's width lets "-100%" fit the same badge as "-5%".
Layout fitted_layout(cairo_t* cr, const std::string& text, double pixels, double max_width) {
  Layout layout = text_layout(cr, text, pixels, true);
  PangoRectangle ink{};
  pango_layout_get_pixel_extents(layout.get(), &ink, nullptr);
  if (ink.width <= max_width) return layout;
  return text_layout(cr, text, std::floor(pixels * max_width / ink.width), true);
}

void show_centred(cairo_t* cr, PangoLayout* layout, double cx, double cy) {
  PangoRectangle ink{};
  pango_layout_get_pixel_extents(layout, &ink, nullptr);
  cairo_move_to(cr, cx - ink.x - ink.width / 2.0, cy - ink.y - ink.height / 2.0);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace hc::render::detail
