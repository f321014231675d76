#include "render/pdf_surface.hpp"

#include <utility>

namespace hc::render {

PdfDocument::PdfDocument(double width, double height)
    : bytes_{std::make_unique<std::string>()},
      surface_{cairo_pdf_surface_create_for_stream(detail::append_to_string, bytes_.get(), width, height)} {
  detail::check(cairo_surface_status(surface_.get()));
  cr_.reset(cairo_create(surface_.get()));
  detail::check(cairo_status(cr_.get()));
}

void PdfDocument::set_metadata(cairo_pdf_metadata_t key, const std::string& value) {
  cairo_pdf_surface_set_metadata(surface_.get(), key, value.c_str());
}

void PdfDocument::end_page() {
  cairo_show_page(cr_.get());
}

std::string PdfDocument::finish() {
  detail::check(cairo_status(cr_.get()));
  cr_.reset();  // the context holds a reference to the surface; finishing writes the trailer
  cairo_surface_finish(surface_.get());
  detail::check(cairo_surface_status(surface_.get()));
  return std::move(*bytes_);
}

}  // namespace hc::render
