#include "web/handlers.hpp"

namespace hc::web {
namespace {

namespace http = net::http;

// The file as the request asks for it: gzip when the client accepts it, 304 when the client's copy is current.
net::Response file_response(const net::Request& request, const File& file) {
  const bool gzip = file.gzip_body && accepts_gzip(request[http::field::accept_encoding]);
  const std::string& etag = gzip ? file.gzip_etag : file.etag;
  const bool unchanged = etag_matches(request[http::field::if_none_match], etag);
  net::Response response{unchanged ? http::status::not_modified : http::status::ok, request.version()};
  response.keep_alive(request.keep_alive());
  response.set(http::field::etag, etag);
  response.set(http::field::cache_control, file.cache_control);
  if (file.compressible) response.set(http::field::vary, "Accept-Encoding");
  if (unchanged) return response;
  response.set(http::field::content_type, file.content_type);
  if (gzip) response.set(http::field::content_encoding, "gzip");
  response.body() = gzip ? *file.gzip_body : file.body;
  return response;
}

}  // namespace

boost::asio::awaitable<net::Response> WebHandlers::index(net::RequestContext& ctx) {
  co_return file_response(ctx.request, site_.index());
}

std::optional<net::Response> WebHandlers::fallback(const net::RequestContext& ctx) const {
  const std::string_view target = ctx.request.target();
  const File* file = site_.resolve(target.substr(0, target.find('?')));
  if (file == nullptr) return std::nullopt;
  return file_response(ctx.request, *file);
}

}  // namespace hc::web
