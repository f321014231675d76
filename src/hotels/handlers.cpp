#include "hotels/handlers.hpp"

#include "hotels/json.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::hotels {
namespace {

net::Response profile_response(const net::RequestContext& ctx, const Result<HotelProfile, Error>& profile) {
  if (!profile) return net::error_response(ctx, profile.error());
  return net::json_response(ctx, net::http::status::ok, profile_json(*profile));
}

}  // namespace

boost::asio::awaitable<net::Response> HotelHandlers::get(net::RequestContext& ctx) {
  auto profile = co_await workers_.run([&] { return service_.get(ctx.param("id")); });
  co_return profile_response(ctx, profile);
}

Result<HotelFields, Error> read_hotel_fields(std::string_view body) {
  auto object = net::parse_json_object(body);
  if (!object) return Failure{object.error()};
  net::FieldReader reader(*object);
  HotelFields fields{reader.optional_string("name"), reader.optional_string("city"),
                     reader.optional_string("country"), reader.optional_string("timezone"),
                     reader.optional_string("description"), {}};
  fields.read_issues = reader.finish();
  if (object->empty()) fields.read_issues.push_back({"body", "must change at least one field"});
  return fields;
}

boost::asio::awaitable<net::Response> HotelHandlers::update_mine(net::RequestContext& ctx) {
  auto fields = read_hotel_fields(ctx.request.body());
  if (!fields) co_return net::error_response(ctx, fields.error());
  auto profile = co_await workers_.run([&] { return service_.update_mine(ctx.caller(), *fields); });
  co_return profile_response(ctx, profile);
}

boost::asio::awaitable<net::Response> HotelHandlers::put_logo(net::RequestContext& ctx) {
  auto profile = co_await workers_.run([&] { return service_.set_logo(ctx.caller(), ctx.request.body()); });
  co_return profile_response(ctx, profile);
}

}  // namespace hc::hotels
