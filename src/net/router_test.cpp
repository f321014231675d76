#include "net/router.hpp"

#include <gtest/gtest.h>

namespace hc::net {
namespace {

Handler noop() {
  return [](RequestContext&) -> boost::asio::awaitable<Response> { co_return Response{}; };
}

Router sample() {
  Router router;
  router.add({http::verb::get, "/api/v1/me", Access::signed_in, BodyKind::none, noop()});
  router.add({http::verb::get, "/api/v1/hotels/{id}", Access::signed_in, BodyKind::none, noop()});
  router.add({http::verb::put, "/api/v1/hotels/{id}/subscription", Access::user, BodyKind::none, noop()});
  router.add({http::verb::delete_, "/api/v1/hotels/{id}/subscription", Access::user, BodyKind::none, noop()});
  return router;
}

TEST(Router, MatchesLiteralPaths) {
  const Router router = sample();
  const RouteMatch match = router.match(http::verb::get, "/api/v1/me");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/me");
}

TEST(Router, CapturesAndDecodesSegments) {
  const Router router = sample();
  const RouteMatch match = router.match(http::verb::put, "/api/v1/hotels/ab%20c/subscription");
  ASSERT_NE(match.route, nullptr);
  ASSERT_EQ(match.params.size(), 1u);
  EXPECT_EQ(match.params[0].first, "id");
  EXPECT_EQ(match.params[0].second, "ab c");
}

TEST(Router, ReportsTheMethodsAPathHas) {
  const Router router = sample();
  const RouteMatch match = router.match(http::verb::post, "/api/v1/hotels/x/subscription");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed, (std::vector<http::verb>{http::verb::put, http::verb::delete_}));
}

TEST(Router, UnknownPathsMatchNothing) {
  const Router router = sample();
  for (const char* path : {"/api/v1/hotels", "/api/v1/hotels/", "/api/v1/me/", "/api/v1/hotels/%ZZ", "/", ""}) {
    const RouteMatch match = router.match(http::verb::get, path);
    EXPECT_EQ(match.route, nullptr) << path;
    EXPECT_TRUE(match.allowed.empty()) << path;
  }
}

TEST(Router, RefusesDuplicateAndMalformedRoutes) {
  Router router = sample();
  EXPECT_THROW(router.add({http::verb::get, "/api/v1/me", Access::anyone, BodyKind::none, noop()}),
               std::invalid_argument);
  EXPECT_THROW(router.add({http::verb::get, "api/v1/x", Access::anyone, BodyKind::none, noop()}),
               std::invalid_argument);
}

}  // namespace
}  // namespace hc::net
