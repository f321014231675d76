#include "render/qr.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include "png_reader.hpp"
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hc::render {
namespace {

constexpr std::string_view kCode = "7KQ2-M9XD-4T1R";
// Codes as the redemption module issues them: twelve Crockford base32 symbols in three groups of four.
constexpr std::array<std::string_view, 5> kCodes{"0000-0000-0000", "ZZZZ-ZZZZ-ZZZZ", "A1B2-C3D4-E5F6", "HJKM-NPQR-STVW",
                                                 "9XY8-WV7T-6S5R"};
// Longer than any code: mixed case and punctuation must come back byte for byte.
constexpr std::string_view kLongText = "https://hotel.example/r/7KQ2-M9XD-4T1R?lang=de&via=Front-Desk_42";
static_assert(kLongText.size() == 64);
constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};
constexpr std::uint32_t kRgbMask = 0xFFFFFFU;  // RGB24 leaves the top byte of each pixel undefined
constexpr std::uint32_t kWhitePixel = 0xFFFFFFU;
constexpr std::uint32_t kBlackPixel = 0x000000U;
// The most an M-level symbol holds in 8-bit mode (version 40).
constexpr std::size_t kMaxBytes = 2331;

//! Index of (x, y) in a row-major grid `side` cells wide.
std::size_t cell(int side, int x, int y) {
  return static_cast<std::size_t>(y) * static_cast<std::size_t>(side) + static_cast<std::size_t>(x);
}

bool dark_at(const QrMatrix& m, int x, int y) { return m.dark[cell(m.size, x, y)]; }


using test_png::decode;
using test_png::Surface;

//! The pixel as 0xRRGGBB.
std::uint32_t pixel(cairo_surface_t* surface, int x, int y) { return test_png::pixel(surface, x, y) & kRgbMask; }

// ---- zbarimg -----------------------------------------------------------------------------------------------

//! A file in the temp folder holding `bytes`, removed when the object goes.
class TempFile {
 public:
  explicit TempFile(const std::string& bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "hc_qr_test_XXXXXX.png").string();
    const int fd = ::mkstemps(pattern.data(), 4);
    if (fd < 0) throw std::runtime_error{"mkstemps failed"};
    path_ = pattern;
    const bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ::close(fd);
    if (!written) throw std::runtime_error{"cannot write " + path_};
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

//! `text` single-quoted for sh, so a temp folder with spaces or quotes in its name still works.
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
  return quoted + "'";
}

//! Success if zbarimg is on the PATH. A missing zbarimg is a broken test set-up, not a reason to skip:
//! scripts/install-deps --test installs it, so its absence fails the decode tests.
::testing::AssertionResult zbarimg_installed() {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): the tests call it from the main thread only
  if (std::system("command -v zbarimg >/dev/null 2>&1") == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "zbarimg not found: run scripts/install-deps --test (Debian zbar-tools)";
}

struct Decoded {
  int exit_code = -1;
  std::string output;
  std::string errors;  // zbarimg's stderr, kept out of the test log unless a check fails
};

//! The whole content of a file.
std::string read_file(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file{std::fopen(path.c_str(), "rb"), std::fclose};
  std::string content;
  if (!file) return content;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) content.append(buffer.data(), n);
  return content;
}

//! What `zbarimg --raw -q` prints for the PNG: the decoded text and a newline when it finds one symbol.
Decoded zbar_decode(const std::string& png) {
  const TempFile file{png};
  const TempFile errors{""};
  // stderr goes to a file: zbarimg complains there about the missing D-Bus on every run.
  const std::string command = "zbarimg --raw -q " + shell_quote(file.path()) + " 2>" + shell_quote(errors.path());
  std::unique_ptr<FILE, int (*)(FILE*)> pipe{::popen(command.c_str(), "r"), ::pclose};
  if (!pipe) throw std::runtime_error{"popen failed"};
  Decoded decoded;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) decoded.output.append(buffer.data(), n);
  const int status = ::pclose(pipe.release());
  decoded.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  decoded.errors = read_file(errors.path());
  return decoded;
}

void expect_decodes_to(std::string_view text, const std::string& png) {
  const Decoded decoded = zbar_decode(png);
  EXPECT_EQ(decoded.exit_code, 0) << "zbarimg found no symbol for a " << text.size() << "-byte text; stderr:\n"
                                  << decoded.errors;
  EXPECT_EQ(decoded.output, std::string{text} + "\n") << "zbarimg stderr:\n" << decoded.errors;
}

// ---- SVG reading -------------------------------------------------------------------------------------------

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

//! Whether the SVG is elements only, each closed in order, with every attribute value quoted: the
//! well-formedness an XML parser checks first, without pulling one into the tests.
bool tags_balanced(const std::string& svg) {
  std::vector<std::string> open;
  std::size_t at = 0;
  while (true) {
    const std::size_t start = svg.find('<', at);
    if (svg.find_first_not_of(" \n", at) < start) return false;  // text outside any tag
    if (start == std::string::npos) return open.empty();
    const std::size_t end = svg.find('>', start);
    if (end == std::string::npos) return false;
    const std::string tag = svg.substr(start + 1, end - start - 1);
    if (tag.find('<') != std::string::npos || count(tag, "\"") % 2 != 0) return false;
    const bool closing = tag.starts_with('/');
    const bool self_closing = tag.ends_with('/');
    const std::size_t name_start = closing ? 1 : 0;
    const std::string name = tag.substr(name_start, tag.find_first_of(" /", name_start) - name_start);
    if (name.empty()) return false;
    if (closing) {
      if (open.empty() || open.back() != name) return false;
      open.pop_back();
    } else if (!self_closing) {
      open.push_back(name);
    }
    at = end + 1;
  }
}

//! The value of the first `name="..."` attribute in the SVG, or "" if there is none.
std::string attribute(const std::string& svg, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t start = svg.find(key);
  if (start == std::string::npos) return {};
  const std::size_t value = start + key.size();
  return svg.substr(value, svg.find('"', value) - value);
}

//! The modules (quiet zone included) that the path's rectangles cover; the path must be only such
//! rectangles ("Mx yhNv1h-Nz"), or an empty grid comes back.
std::vector<bool> path_modules(std::string_view d, int side) {
  // Reads what `d` starts with, consuming it: the literal text, or a decimal number (-1 if there is none).
  auto literal = [&d](std::string_view text) {
    if (!d.starts_with(text)) return false;
    d.remove_prefix(text.size());
    return true;
  };
  auto number = [&d] {
    int value = 0;
    const auto [end, error] = std::from_chars(d.data(), d.data() + d.size(), value);
    if (error != std::errc{} || value < 0) return -1;
    d.remove_prefix(static_cast<std::size_t>(end - d.data()));
    return value;
  };
  std::vector<bool> covered(cell(side, 0, side));  // side * side cells
  while (!d.empty()) {
    if (!literal("M")) return {};
    const int x = number();
    if (!literal(" ")) return {};
    const int y = number();
    if (!literal("h")) return {};
    const int length = number();
    if (!literal("v1h-") || number() != length || !literal("z")) return {};
    if (x < 0 || y < 0 || y >= side || length < 1 || x + length > side) return {};
    for (int i = x; i < x + length; ++i) covered[cell(side, i, y)] = true;
  }
  return covered;
}

// ---- the matrix --------------------------------------------------------------------------------------------

TEST(QrMatrix, IsSquareWithAVersionSize) {
  for (std::string_view text : {kCode, kLongText, std::string_view{"A"}}) {
    const QrMatrix m = qr_matrix(text);
    EXPECT_GE(m.size, 21) << text;
    EXPECT_LE(m.size, 177) << text;
    EXPECT_EQ((m.size - 21) % 4, 0) << text;
    EXPECT_EQ(m.dark.size(), cell(m.size, 0, m.size)) << text;
  }
}

TEST(QrMatrix, CodeFitsTheSmallestSymbol) {
  // 14 bytes is exactly what version 1 holds at level M in 8-bit mode: the biggest modules for a given width.
  EXPECT_EQ(qr_matrix(kCode).size, 21);
  EXPECT_GT(qr_matrix(kLongText).size, 21);
}

TEST(QrMatrix, HasTheThreeFinderPatterns) {
  const QrMatrix m = qr_matrix(kCode);
  // A finder pattern is a dark 7x7 ring, a light ring inside it and a dark 3x3 core.
  auto expect_finder = [&](int left, int top) {
    for (int y = 0; y < 7; ++y) {
      for (int x = 0; x < 7; ++x) {
        const bool ring = x == 0 || x == 6 || y == 0 || y == 6;
        const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
        EXPECT_EQ(dark_at(m, left + x, top + y), ring || core) << "finder at " << left << "," << top;
      }
    }
  };
  expect_finder(0, 0);
  expect_finder(m.size - 7, 0);
  expect_finder(0, m.size - 7);
}

TEST(QrMatrix, IsDeterministicAndDependsOnTheText) {
  EXPECT_EQ(qr_matrix(kCode).dark, qr_matrix(kCode).dark);
  EXPECT_NE(qr_matrix(kCode).dark, qr_matrix("7KQ2-M9XD-4T1Z").dark);
  // Case is data in 8-bit mode: a lower-case code is another symbol.
  EXPECT_NE(qr_matrix(kCode).dark, qr_matrix("7kq2-m9xd-4t1r").dark);
}

TEST(QrMatrix, RejectsWhatCannotBeEncoded) {
  EXPECT_THROW(qr_matrix(""), std::runtime_error);
  EXPECT_EQ(qr_matrix(std::string(kMaxBytes, 'x')).size, 177);
  EXPECT_THROW(qr_matrix(std::string(kMaxBytes + 1, 'x')), std::runtime_error);
}

TEST(QrMatrix, ErrorsDoNotQuoteTheText) {
  // The text is a bearer code; an exception message can end up in a log.
  const std::string secret = "SECRET-" + std::string(kMaxBytes, 'Q');
  try {
    qr_matrix(secret);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string{error.what()}.find("SECRET"), std::string::npos) << error.what();
  }
}

TEST(QrMatrix, ThreadsGetTheSameSymbols) {
  std::vector<std::vector<bool>> expected;
  expected.reserve(kCodes.size());
  for (std::string_view code : kCodes) expected.push_back(qr_matrix(code).dark);
  constexpr int kThreads = 4;
  std::vector<int> mismatches(kThreads, 0);
  {
    std::vector<std::jthread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int round = 0; round < 50; ++round) {
          for (std::size_t i = 0; i < kCodes.size(); ++i) {
            if (qr_matrix(kCodes[i]).dark != expected[i]) ++mismatches[static_cast<std::size_t>(t)];
          }
        }
      });
    }
  }
  for (int n : mismatches) EXPECT_EQ(n, 0);
}

// ---- SVG ---------------------------------------------------------------------------------------------------

TEST(QrSvg, IsOneWellFormedSvgElement) {
  const std::string svg = qr_svg(kCode);
  EXPECT_TRUE(svg.starts_with("<svg")) << svg.substr(0, 40);
  EXPECT_TRUE(svg.ends_with("</svg>\n"));
  EXPECT_TRUE(tags_balanced(svg)) << svg;
  EXPECT_EQ(count(svg, "<svg"), 1U);
  EXPECT_EQ(count(svg, "<path"), 1U);
  EXPECT_EQ(count(svg, "<rect"), 1U);  // the white background, not one per module
}

TEST(QrSvg, HasSizeViewBoxAndCrispEdges) {
  const std::string svg = qr_svg(kCode, 480);
  EXPECT_EQ(attribute(svg, "width"), "480");
  EXPECT_EQ(attribute(svg, "height"), "480");
  EXPECT_EQ(attribute(svg, "viewBox"), "0 0 29 29");  // 21 modules and the quiet zone on both sides
  EXPECT_EQ(attribute(svg, "shape-rendering"), "crispEdges");
  EXPECT_EQ(attribute(qr_svg(kCode), "width"), "320");
}

TEST(QrSvg, HasNoScriptsOrExternalReferences) {
  const std::string svg = qr_svg(kLongText);  // the text itself must not leak into the markup
  for (std::string_view banned : {"<script", "href", "url(", "<image", "<foreignObject", "<use", "<!", "<?"}) {
    EXPECT_EQ(svg.find(banned), std::string::npos) << banned;
  }
  EXPECT_EQ(svg.find(" on"), std::string::npos) << "event handler attribute";
  // The only URI is the namespace name, which no renderer fetches.
  EXPECT_EQ(count(svg, "http"), 1U);
  EXPECT_EQ(attribute(svg, "xmlns"), "http://www.w3.org/2000/svg");
}

TEST(QrSvg, PathCoversExactlyTheDarkModules) {
  for (std::string_view text : {kCode, kLongText}) {
    const std::string svg = qr_svg(text);
    const QrMatrix m = qr_matrix(text);
    const int side = m.size + 2 * kQrQuietZone;
    const std::vector<bool> covered = path_modules(attribute(svg, "d"), side);
    ASSERT_EQ(covered.size(), cell(side, 0, side)) << "path is not only module rectangles";
    for (int y = 0; y < side; ++y) {
      for (int x = 0; x < side; ++x) {
        const int mx = x - kQrQuietZone, my = y - kQrQuietZone;
        const bool inside = mx >= 0 && my >= 0 && mx < m.size && my < m.size;
        EXPECT_EQ(covered[cell(side, x, y)], inside && dark_at(m, mx, my)) << "module " << x << "," << y;
      }
    }
    EXPECT_EQ(attribute(svg, "fill"), "#fff");  // the background comes first, white
  }
}

TEST(QrSvg, RejectsSizesOutOfRange) {
  EXPECT_THROW(qr_svg(kCode, 0), std::invalid_argument);
  EXPECT_THROW(qr_svg(kCode, -320), std::invalid_argument);
  EXPECT_THROW(qr_svg(kCode, kMaxQrSvgPx + 1), std::invalid_argument);
  EXPECT_NO_THROW(qr_svg(kCode, kMaxQrSvgPx));
  EXPECT_THROW(qr_svg("", 320), std::runtime_error);
}

// ---- PNG ---------------------------------------------------------------------------------------------------

TEST(QrPng, StartsWithThePngSignature) { EXPECT_TRUE(qr_png(kCode).starts_with(kPngSignature)); }

TEST(QrPng, IsTheSymbolAndQuietZoneTimesModulePx) {
  for (int module_px : {1, 3, 10}) {
    const Surface image = decode(qr_png(kCode, module_px));
    const int expected = (qr_matrix(kCode).size + 2 * kQrQuietZone) * module_px;
    EXPECT_EQ(cairo_image_surface_get_width(image.get()), expected) << module_px;
    EXPECT_EQ(cairo_image_surface_get_height(image.get()), expected) << module_px;
  }
  EXPECT_EQ(cairo_image_surface_get_width(decode(qr_png(kCode)).get()), 290);  // default 10 px per module
}

TEST(QrPng, QuietZoneIsWhite) {
  constexpr int kModulePx = 10;
  const Surface image = decode(qr_png(kCode, kModulePx));
  const int width = cairo_image_surface_get_width(image.get());
  const int border = kQrQuietZone * kModulePx;
  int dark_pixels = 0;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      const bool in_border = x < border || y < border || x >= width - border || y >= width - border;
      if (in_border && pixel(image.get(), x, y) != kWhitePixel) ++dark_pixels;
    }
  }
  EXPECT_EQ(dark_pixels, 0);
}

TEST(QrPng, EveryModuleIsOneSolidBlackOrWhiteBlock) {
  // No anti-aliasing: each module's pixels are all pure black or all pure white, matching the matrix.
  constexpr int kModulePx = 7;
  const QrMatrix m = qr_matrix(kCode);
  const Surface image = decode(qr_png(kCode, kModulePx));
  int wrong_pixels = 0;
  for (int my = 0; my < m.size; ++my) {
    for (int mx = 0; mx < m.size; ++mx) {
      const std::uint32_t want = dark_at(m, mx, my) ? kBlackPixel : kWhitePixel;
      for (int y = 0; y < kModulePx; ++y) {
        for (int x = 0; x < kModulePx; ++x) {
          const int px = (mx + kQrQuietZone) * kModulePx + x, py = (my + kQrQuietZone) * kModulePx + y;
          if (pixel(image.get(), px, py) != want) ++wrong_pixels;
        }
      }
    }
  }
  EXPECT_EQ(wrong_pixels, 0);
}

TEST(QrPng, RejectsModuleSizesOutOfRange) {
  EXPECT_THROW(qr_png(kCode, 0), std::invalid_argument);
  EXPECT_THROW(qr_png(kCode, -10), std::invalid_argument);
  EXPECT_THROW(qr_png(kCode, kMaxQrModulePx + 1), std::invalid_argument);
  EXPECT_THROW(qr_png("", 10), std::runtime_error);
}

TEST(QrPng, DecodesBackToTheCode) {
  ASSERT_TRUE(zbarimg_installed());
  expect_decodes_to(kCode, qr_png(kCode));
}

TEST(QrPng, DecodesBackToEveryCode) {
  ASSERT_TRUE(zbarimg_installed());
  for (std::string_view code : kCodes) expect_decodes_to(code, qr_png(code));
}

TEST(QrPng, DecodesBackToALongText) {
  ASSERT_TRUE(zbarimg_installed());
  expect_decodes_to(kLongText, qr_png(kLongText));
}

TEST(QrPng, DecodesAtTheSmallestAndLargestModules) {
  ASSERT_TRUE(zbarimg_installed());
  // Two pixels per module is about the least zbar reads reliably; one is below what any camera resolves.
  expect_decodes_to(kCode, qr_png(kCode, 2));
  expect_decodes_to(kCode, qr_png(kCode, kMaxQrModulePx));
}

TEST(QrPng, DecoderSeesNothingInABlankImage) {
  // Guards the decode tests: zbarimg must report failure rather than print something for any PNG.
  ASSERT_TRUE(zbarimg_installed());
  const std::string png = qr_png(kCode);
  Surface image = decode(png);
  cairo_t* cr = cairo_create(image.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string blank;
  cairo_surface_write_to_png_stream(
      image.get(),
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &blank);
  const Decoded decoded = zbar_decode(blank);
  EXPECT_NE(decoded.exit_code, 0);
  EXPECT_EQ(decoded.output, "");
}

}  // namespace
}  // namespace hc::render
