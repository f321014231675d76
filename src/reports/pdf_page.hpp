#pragma once
// What every page of the PDF report is drawn with: the A4 geometry, the palette, single-line text, headings,
// table rows and the footer. Text goes through pango only, in DejaVu Sans.
#include "render/cairo_util.hpp"
#include "render/palette.hpp"

#include <cairo.h>

#include <cstddef>
#include <span>
#include <string>

namespace hc::reports::detail {

using render::detail::Rgb;

// A4 portrait in points, with margins wide enough for a printer and a binder.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.89;
inline constexpr double kMargin = 42;
inline constexpr double kContentWidth = kPageWidth - 2 * kMargin;
inline constexpr double kContentBottom = 784;  // nothing but the footer below this

// One brand colour, greys for structure, and a colour per series that stays the same across the report.
inline constexpr Rgb kBrand = render::detail::hex(0x0F766E);
inline constexpr Rgb kInk = render::detail::hex(0x1F2937);
inline constexpr Rgb kMuted = render::detail::hex(0x6B7280);
inline constexpr Rgb kRule = render::detail::hex(0xD1D5DB);
inline constexpr Rgb kGrid = render::detail::hex(0xE5E7EB);
inline constexpr Rgb kStripe = render::detail::hex(0xF3F5F7);
inline constexpr Rgb kGood = render::detail::hex(0x15803D);
inline constexpr Rgb kBad = render::detail::hex(0xB91C1C);
inline constexpr Rgb kViews = render::detail::hex(0x99D5CE);
inline constexpr Rgb kClaims = render::detail::hex(0xD97706);
inline constexpr Rgb kUses = render::detail::hex(0x4F46E5);

//! At most this many characters of a name (hotel, city, zone) are drawn; longer ones are cut.
inline constexpr std::size_t kMaxNameChars = 120;

enum class Align { left, right, centre };

struct TextStyle {
  double size = 9;
  bool bold = false;
  Rgb colour = kInk;
};

//! Draws `text` on one line with its baseline at `baseline`, inside [x, x + width], aligned and cut with an
//! ellipsis if it is wider; it never wraps.
void draw_text(cairo_t* cr, const std::string& text, const TextStyle& style, double x, double baseline,
               double width, Align align = Align::left);

//! The width `text` takes on one line.
double text_width(cairo_t* cr, const std::string& text, const TextStyle& style);

//! Draws wrapped text from `top` inside `width` and returns the y below it.
double draw_paragraph(cairo_t* cr, const std::string& text, const TextStyle& style, double x, double top,
                      double width);

//! Fills a rectangle.
void fill_rect(cairo_t* cr, double x, double y, double w, double h, Rgb colour);

//! Draws a horizontal rule.
void draw_rule(cairo_t* cr, double x0, double x1, double y, double width, Rgb colour);

//! Draws a section heading whose top is at `top`; `note` (if any) goes muted at the right. Returns the y below.
double draw_heading(cairo_t* cr, const std::string& text, double top, const std::string& note = {});

//! Height a heading takes, so pages can be planned before they are drawn.
inline constexpr double kHeadingHeight = 26;

//! One column of a table: header text, width and alignment.
struct Column {
  std::string header;
  double width = 0;
  Align align = Align::left;
};

//! One cell's text and look.
struct Cell {
  std::string text;
  Rgb colour = kInk;
  bool bold = false;
};

//! Draws a table's header row from `top`, `height` high, with a rule under it.
void draw_header_row(cairo_t* cr, std::span<const Column> columns, double top, double height, double size);

//! Draws one row of cells from `top`, `height` high; every cell shares one baseline, so text extraction keeps
//! the row on one line.
void draw_row(cairo_t* cr, std::span<const Column> columns, std::span<const Cell> cells, double top, double height,
              double size);

//! Draws the footer: a rule, `left` at the left and "Page N of M" at the right.
void draw_footer(cairo_t* cr, const std::string& left, int page, int pages);

}  // namespace hc::reports::detail
