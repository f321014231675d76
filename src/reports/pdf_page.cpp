#include "reports/pdf_page.hpp"

#include "render/text_layout.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>

namespace hc::reports::detail {
namespace {

using render::detail::Layout;
using render::detail::set_colour;
using render::detail::text_layout;

constexpr double kCellPad = 5;
constexpr double kFooterRule = 802;
constexpr double kFooterBaseline = 816;

int pango_units(double points) { return static_cast<int>(std::lround(std::max(points, 1.0) * PANGO_SCALE)); }

PangoAlignment pango_alignment(Align align) {
  switch (align) {
    case Align::right: return PANGO_ALIGN_RIGHT;
    case Align::centre: return PANGO_ALIGN_CENTER;
    case Align::left: break;
  }
  return PANGO_ALIGN_LEFT;
}

// The baseline that centres a line of capitals and figures in a band of `height` from `top`.
double centred_baseline(double top, double height, double size) { return top + height / 2 + size * 0.36; }

Layout line_layout(cairo_t* cr, const std::string& text, const TextStyle& style, double width, Align align) {
  Layout layout = text_layout(cr, text, style.size, style.bold);
  pango_layout_set_width(layout.get(), pango_units(width));
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);  // one paragraph, so one line: it cannot wrap
  pango_layout_set_alignment(layout.get(), pango_alignment(align));
  return layout;
}

// A character no installed font can show (an emoji, say) would be drawn as a box of tiny hex digits, which text
// extraction reads as extra lines; a plain white square stands in for it instead.
std::string without_unknown_glyphs(PangoLayout* layout, const std::string& text) {
  std::set<int> unknown;  // byte offsets into `text`
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    const PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
    for (int i = 0; run != nullptr && i < run->glyphs->num_glyphs; ++i) {
      if ((run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0) {
        unknown.insert(run->item->offset + run->glyphs->log_clusters[i]);
      }
    }
  } while (pango_layout_iter_next_run(iter));
  pango_layout_iter_free(iter);
  std::string shown;
  for (const gchar* c = text.c_str(); *c != '\0'; c = g_utf8_next_char(c)) {
    const bool missing = unknown.contains(static_cast<int>(c - text.c_str()));
    const char* end = g_utf8_next_char(c);
    shown.append(missing ? std::string_view{"\u25A1"} : std::string_view{c, static_cast<std::size_t>(end - c)});
  }
  return shown;
}

}  // namespace

void draw_text(cairo_t* cr, const std::string& text, const TextStyle& style, double x, double baseline,
               double width, Align align) {
  Layout layout = line_layout(cr, text, style, width, align);
  if (pango_layout_get_unknown_glyphs_count(layout.get()) > 0) {
    layout = line_layout(cr, without_unknown_glyphs(layout.get(), text), style, width, align);
  }
  set_colour(cr, style.colour);
  cairo_move_to(cr, x, baseline - pango_layout_get_baseline(layout.get()) / static_cast<double>(PANGO_SCALE));
  pango_cairo_show_layout(cr, layout.get());
}

double text_width(cairo_t* cr, const std::string& text, const TextStyle& style) {
  const Layout layout = text_layout(cr, text, style.size, style.bold);
  PangoRectangle logical{};
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return logical.width / static_cast<double>(PANGO_SCALE);
}

double draw_paragraph(cairo_t* cr, const std::string& text, const TextStyle& style, double x, double top,
                      double width) {
  const Layout layout = text_layout(cr, text, style.size, style.bold);
  pango_layout_set_width(layout.get(), pango_units(width));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  set_colour(cr, style.colour);
  cairo_move_to(cr, x, top);
  pango_cairo_show_layout(cr, layout.get());
  PangoRectangle logical{};
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return top + logical.height / static_cast<double>(PANGO_SCALE);
}

void fill_rect(cairo_t* cr, double x, double y, double w, double h, Rgb colour) {
  cairo_rectangle(cr, x, y, w, h);
  render::detail::fill(cr, colour);
}

void draw_rule(cairo_t* cr, double x0, double x1, double y, double width, Rgb colour) {
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  render::detail::stroke(cr, width, colour);
}

double draw_heading(cairo_t* cr, const std::string& text, double top, const std::string& note) {
  constexpr double kSize = 13;
  const double baseline = top + 14;
  const double note_width = note.empty() ? 0 : std::min(text_width(cr, note, {9}) + 2, kContentWidth / 2);
  draw_text(cr, text, {kSize, true, kBrand}, kMargin, baseline, kContentWidth - note_width - 8);
  if (!note.empty()) {
    draw_text(cr, note, {9, false, kMuted}, kPageWidth - kMargin - note_width, baseline, note_width, Align::right);
  }
  return top + kHeadingHeight;
}

void draw_header_row(cairo_t* cr, std::span<const Column> columns, double top, double height, double size) {
  const double baseline = centred_baseline(top, height, size);
  double x = kMargin;
  for (const Column& column : columns) {
    draw_text(cr, column.header, {size, true, kMuted}, x + kCellPad, baseline, column.width - 2 * kCellPad,
              column.align);
    x += column.width;
  }
  draw_rule(cr, kMargin, x, top + height - 0.5, 0.8, kMuted);
}

void draw_row(cairo_t* cr, std::span<const Column> columns, std::span<const Cell> cells, double top, double height,
              double size) {
  const double baseline = centred_baseline(top, height, size);
  double x = kMargin;
  for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    if (!cell.text.empty()) {
      draw_text(cr, cell.text, {size, cell.bold, cell.colour}, x + kCellPad, baseline,
                columns[i].width - 2 * kCellPad, columns[i].align);
    }
    x += columns[i].width;
  }
}

void draw_footer(cairo_t* cr, const std::string& left, int page, int pages) {
  constexpr TextStyle kStyle{7.5, false, kMuted};
  constexpr double kNumberWidth = 90;
  draw_rule(cr, kMargin, kPageWidth - kMargin, kFooterRule, 0.5, kRule);
  draw_text(cr, left, kStyle, kMargin, kFooterBaseline, kContentWidth - kNumberWidth - 10);
  const std::string number = "Page " + std::to_string(page) + " of " + std::to_string(pages);
  draw_text(cr, number, kStyle, kPageWidth - kMargin - kNumberWidth, kFooterBaseline, kNumberWidth, Align::right);
}

}  // namespace hc::reports::detail
