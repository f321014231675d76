// Micro-benchmarks of hot paths that every request takes: routing and access-token verification.
#include "auth/jwt.hpp"
#include "net/router.hpp"

#include <benchmark/benchmark.h>

namespace {

hc::net::Router sample_router() {
  hc::net::Router router;
  const auto noop = [](hc::net::RequestContext&) -> boost::asio::awaitable<hc::net::Response> { co_return hc::net::Response{}; };
  for (const char* pattern : {"/healthz", "/api/v1/me", "/api/v1/coupons", "/api/v1/coupons/{id}",
                              "/api/v1/coupons/{id}/redeem", "/api/v1/hotels/{id}", "/api/v1/hotels/{id}/subscription",
                              "/api/v1/hotelier/coupons", "/api/v1/hotelier/reports/{id}/download"}) {
    router.add({boost::beast::http::verb::get, pattern, hc::net::Access::anyone, hc::net::BodyKind::none, noop});
  }
  return router;
}

void BM_RouteMatch(benchmark::State& state) {
  const hc::net::Router router = sample_router();
  for (auto _ : state) {
    benchmark::DoNotOptimize(router.match(boost::beast::http::verb::get, "/api/v1/hotelier/reports/01JABCDEF/download"));
  }
}
BENCHMARK(BM_RouteMatch);

void BM_VerifyAccessToken(benchmark::State& state) {
  const hc::auth::JwtCodec codec(std::vector<unsigned char>(32, 7), "hotelcoupon", "hotelcoupon-api");
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::string token = codec.sign({"01JUSER", "user", "01JSESSION", now, now + std::chrono::minutes(15)});
  for (auto _ : state) benchmark::DoNotOptimize(codec.verify(token, now));
}
BENCHMARK(BM_VerifyAccessToken);

}  // namespace
