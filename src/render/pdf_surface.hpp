#pragma once
// A PDF document drawn with cairo and written to memory: the generic part of every PDF the server makes.
#include "render/cairo_util.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <memory>
#include <string>

namespace hc::render {

//! Pages of one size drawn through one cairo context; the bytes are collected in memory, never on disk.
class PdfDocument {
 public:
  //! A document whose pages are `width` × `height` points; throws std::runtime_error if cairo fails.
  PdfDocument(double width, double height);

  //! Sets an entry of the document information (title, creator, ...); `value` must be valid UTF-8.
  void set_metadata(cairo_pdf_metadata_t key, const std::string& value);

  //! The context that draws on the current page.
  [[nodiscard]] cairo_t* context() const { return cr_.get(); }

  //! Ends the current page; what is drawn next goes on a new one.
  void end_page();

  //! Completes the file and returns its bytes; throws std::runtime_error if drawing or writing failed.
  std::string finish();

 private:
  // Declared before the surface, so it outlives the surface's last write when both are destroyed.
  std::unique_ptr<std::string> bytes_;
  detail::Surface surface_;
  detail::Context cr_;
};

}  // namespace hc::render
