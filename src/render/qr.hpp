#pragma once
// QR codes of the redemption codes travellers show at a hotel's front desk ("7KQ2-M9XD-4T1R"), as SVG for
// pages and as PNG for e-mail and wallets. Only std types cross this header: libqrencode and cairo stay an
// implementation detail. Every function is deterministic and thread-safe.
#include <string>
#include <string_view>
#include <vector>

namespace hc::render {

//! White modules around the symbol on every side; readers need it to find the symbol's edge.
inline constexpr int kQrQuietZone = 4;
//! The largest `module_px` qr_png draws: a version-40 symbol is then 3,700 pixels wide (55 MB while drawn).
inline constexpr int kMaxQrModulePx = 20;
//! The largest `size_px` qr_svg writes.
inline constexpr int kMaxQrSvgPx = 4096;

//! A QR symbol without its quiet zone.
struct QrMatrix {
  int size = 0;            // modules per side: 21 + 4 * (version - 1)
  std::vector<bool> dark;  // size * size, row-major, true for a dark module
};

//! The QR symbol of a text: QR_ECLEVEL_M, 8-bit mode, version chosen by libqrencode; throws std::runtime_error
//! if it cannot be encoded (empty, or more than a version-40 symbol holds).
QrMatrix qr_matrix(std::string_view text);

//! An SVG of the text's QR code: a white background with a 4-module quiet zone, one <path> of dark modules,
//! viewBox in modules, width/height `size_px`, shape-rendering="crispEdges", no scripts, no external references;
//! throws std::invalid_argument if `size_px` is outside 1..kMaxQrSvgPx, std::runtime_error as qr_matrix.
std::string qr_svg(std::string_view text, int size_px = 320);

//! A PNG of the text's QR code with a 4-module quiet zone, `module_px` pixels per module (10 by default, so a
//! phone camera at a desk reads it), black on white, no anti-aliasing; throws std::invalid_argument if
//! `module_px` is outside 1..kMaxQrModulePx, std::runtime_error as qr_matrix.
std::string qr_png(std::string_view text, int module_px = 10);

}  // namespace hc::render
