#pragma once
// Prometheus metrics: requests by route, method and status; a latency histogram per route; open
// connections; process memory. Rendered in the text exposition format at /metrics.
#include "core/circuit_breaker.hpp"
#include "net/dispatcher.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace hc::ops {

class Metrics final : public net::ExchangeObserver {
 public:
  void on_exchange(std::string_view route, std::string_view method, unsigned status,
                   std::chrono::nanoseconds duration) override;
  void on_connection(int delta) override;

  //! Adds a gauge read when rendering (queue depths and the like from other modules).
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  //! Adds a circuit breaker: its state (0 closed, 1 open, 2 half-open) and how often it opened, by name.
  void add_breaker(const CircuitBreaker& breaker);
  //! The text exposition format.
  [[nodiscard]] std::string render() const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };

  // Requests are counted by route, method and status; the order compares views, so that an exchange is looked up
  // without copying its route and method into new strings.
  using ExchangeView = std::tuple<std::string_view, std::string_view, unsigned>;
  struct ExchangeKey {
    std::string route;
    std::string method;
    unsigned status = 0;
  };
  struct ExchangeOrder {
    using is_transparent = void;
    static ExchangeView view(const ExchangeKey& key) { return {key.route, key.method, key.status}; }
    static ExchangeView view(const ExchangeView& key) { return key; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return view(a) < view(b);
    }
  };

  mutable std::mutex mutex_;
  std::map<ExchangeKey, std::uint64_t, ExchangeOrder> requests_;
  std::map<std::string, Histogram, std::less<>> latency_;
  std::vector<Gauge> gauges_;
  std::vector<const CircuitBreaker*> breakers_;
  std::atomic<std::int64_t> open_connections_{0};
};

}  // namespace hc::ops
