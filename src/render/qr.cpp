#include "render/qr.hpp"

#include "render/cairo_util.hpp"

#include <qrencode.h>

#include <cerrno>
#include <climits>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

namespace hc::render {
namespace {

using QrCode = std::unique_ptr<QRcode, detail::Releaser<QRcode_free>>;

//! A horizontal stretch of dark modules in one row, in symbol coordinates.
struct Run {
  int x;
  int y;
  int length;
};

//! Index of module (x, y) in a row-major matrix of `size` columns.
std::size_t module_index(int size, int x, int y) {
  return static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x);
}

//! The dark modules as horizontal runs, row by row: a few hundred rectangles instead of one per module, which
//! keeps the SVG small and the PNG fill to one path.
std::vector<Run> dark_runs(const QrMatrix& matrix) {
  std::vector<Run> runs;
  for (int y = 0; y < matrix.size; ++y) {
    int x = 0;
    while (x < matrix.size) {
      if (!matrix.dark[module_index(matrix.size, x, y)]) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < matrix.size && matrix.dark[module_index(matrix.size, x, y)]) ++x;
      runs.push_back({start, y, x - start});
    }
  }
  return runs;
}

//! Throws std::invalid_argument unless `value` is within 1..`max`.
void require_in_range(int value, int max, const char* what) {
  if (value < 1 || value > max)
    throw std::invalid_argument{std::string{"qr: "} + what + " must be 1.." + std::to_string(max)};
}

//! The SVG path data of the runs, shifted past the quiet zone: each run a closed 1-module-high rectangle.
std::string path_data(const std::vector<Run>& runs) {
  std::string d;
  d.reserve(runs.size() * 24);
  for (const Run& run : runs) {
    const std::string length = std::to_string(run.length);
    d.append("M").append(std::to_string(run.x + kQrQuietZone)).append(" ").append(std::to_string(run.y + kQrQuietZone));
    d.append("h").append(length).append("v1h-").append(length).append("z");
  }
  return d;
}

}  // namespace

QrMatrix qr_matrix(std::string_view text) {
  // The text is a bearer secret (a redemption code), so no message below quotes it.
  if (text.empty()) throw std::runtime_error{"qr: cannot encode an empty text"};
  if (text.size() > static_cast<std::size_t>(INT_MAX)) throw std::runtime_error{"qr: text too long to encode"};
  // QRcode_encodeData is 8-bit mode throughout and takes a length, so the view needs no NUL-terminated copy;
  // like QRcode_encodeString it keeps no shared state when libqrencode is built with pthread (Debian's is).
  errno = 0;
  const QrCode code{QRcode_encodeData(static_cast<int>(text.size()),
                                      reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M)};
  if (!code) {
    const int error = errno;
    throw std::runtime_error{"qr: cannot encode a text of " + std::to_string(text.size()) +
                             " bytes: " + std::generic_category().message(error)};
  }
  QrMatrix matrix{code->width, std::vector<bool>(module_index(code->width, 0, code->width))};  // width² modules
  // Bit 0 of each byte is the module's colour; the other bits describe what the module is part of.
  for (std::size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = (code->data[i] & 1U) != 0;
  return matrix;
}

std::string qr_svg(std::string_view text, int size_px) {
  require_in_range(size_px, kMaxQrSvgPx, "size_px");
  const QrMatrix matrix = qr_matrix(text);
  const std::string side = std::to_string(matrix.size + 2 * kQrQuietZone);
  const std::string px = std::to_string(size_px);
  // xmlns is a namespace name, never fetched; without it a browser shows a standalone .svg file as plain XML.
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px + "\" height=\"" + px + "\" viewBox=\"0 0 " + side +
         ' ' + side + "\" shape-rendering=\"crispEdges\"><rect width=\"" + side + "\" height=\"" + side +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path_data(dark_runs(matrix)) + "\"/></svg>\n";
}

std::string qr_png(std::string_view text, int module_px) {
  require_in_range(module_px, kMaxQrModulePx, "module_px");
  const QrMatrix matrix = qr_matrix(text);
  const int side = (matrix.size + 2 * kQrQuietZone) * module_px;
  const detail::Canvas canvas = detail::make_canvas(CAIRO_FORMAT_RGB24, side, side);
  cairo_t* cr = canvas.cr.get();
  // Whole-pixel rectangles need no smoothing, and grey edge pixels would only blur the modules for a reader.
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  detail::set_colour(cr, detail::kWhite);
  cairo_paint(cr);
  const double scale = module_px;
  for (const Run& run : dark_runs(matrix)) {
    cairo_rectangle(cr, (run.x + kQrQuietZone) * scale, (run.y + kQrQuietZone) * scale, run.length * scale, scale);
  }
  detail::fill(cr, detail::kBlack);
  return detail::encode_png(canvas);
}

}  // namespace hc::render
