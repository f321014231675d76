#include "media/handlers.hpp"

#include "net/responses.hpp"

namespace hc::media {

boost::asio::awaitable<net::Response> MediaHandlers::get(net::RequestContext& ctx) {
  const std::string key = std::string(ctx.param("folder")) + "/" + std::string(ctx.param("name"));
  if (!objects::is_valid_key(key)) co_return net::error_response(ctx, make_error(Errc::not_found));
  // Reading a file: on the worker pool.
  auto object = co_await workers_.run([&] { return objects_.get(key); });
  if (!object) co_return net::error_response(ctx, make_error(Errc::not_found));
  net::Response response{net::http::status::ok, ctx.request.version()};
  response.keep_alive(ctx.request.keep_alive());
  response.set(net::http::field::content_type, object->content_type);
  response.set(net::http::field::cache_control, "public, max-age=31536000, immutable");
  response.body() = std::move(object->bytes);
  co_return response;
}

}  // namespace hc::media
