#include "ops/metrics.hpp"

#include <unistd.h>
#include <fstream>
#include <sstream>

namespace hc::ops {
namespace {

// Label values are route patterns and method names; escape them anyway as the format asks.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

double resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t pages_total = 0;
  std::uint64_t pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

}  // namespace

void Metrics::on_exchange(std::string_view route, std::string_view method, unsigned status,
                          std::chrono::nanoseconds duration) {
  const double seconds = std::chrono::duration<double>(duration).count();
  const std::lock_guard lock(mutex_);
  auto counted = requests_.find(ExchangeView{route, method, status});
  if (counted == requests_.end()) {
    counted = requests_.emplace(ExchangeKey{std::string(route), std::string(method), status}, 0).first;
  }
  ++counted->second;
  auto timed = latency_.find(route);
  if (timed == latency_.end()) timed = latency_.emplace(std::string(route), Histogram{}).first;
  Histogram& histogram = timed->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++histogram.counts[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::on_connection(int delta) { open_connections_.fetch_add(delta); }

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  const std::lock_guard lock(mutex_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(read)});
}

void Metrics::add_breaker(const CircuitBreaker& breaker) {
  const std::lock_guard lock(mutex_);
  breakers_.push_back(&breaker);
}

std::string Metrics::render() const {
  std::ostringstream out;
  const std::lock_guard lock(mutex_);
  out << "# HELP hc_http_requests_total HTTP requests answered, by route, method and status.\n"
      << "# TYPE hc_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out << "hc_http_requests_total{route=\"" << label(route) << "\",method=\"" << label(method) << "\",status=\""
        << status << "\"} " << count << '\n';
  }
  out << "# HELP hc_http_request_duration_seconds Time from a request's header to its response, by route.\n"
      << "# TYPE hc_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    const std::string name = "hc_http_request_duration_seconds";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << name << "_bucket{route=\"" << label(route) << "\",le=\"" << kBuckets[i] << "\"} " << histogram.counts[i]
          << '\n';
    }
    out << name << "_bucket{route=\"" << label(route) << "\",le=\"+Inf\"} " << histogram.count << '\n'
        << name << "_sum{route=\"" << label(route) << "\"} " << histogram.sum << '\n'
        << name << "_count{route=\"" << label(route) << "\"} " << histogram.count << '\n';
  }
  out << "# HELP hc_open_connections Open client connections.\n# TYPE hc_open_connections gauge\n"
      << "hc_open_connections " << open_connections_.load() << '\n'
      << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
      << "# TYPE process_resident_memory_bytes gauge\n"
      << "process_resident_memory_bytes " << resident_bytes() << '\n';
  for (const Gauge& gauge : gauges_) {
    out << "# HELP " << gauge.name << ' ' << gauge.help << "\n# TYPE " << gauge.name << " gauge\n"
        << gauge.name << ' ' << gauge.read() << '\n';
  }
  if (!breakers_.empty()) {
    out << "# HELP hc_circuit_breaker_state State of each circuit breaker: 0 closed, 1 open, 2 half-open.\n"
        << "# TYPE hc_circuit_breaker_state gauge\n";
    for (const CircuitBreaker* breaker : breakers_) {
      out << "hc_circuit_breaker_state{breaker=\"" << label(breaker->name()) << "\"} "
          << static_cast<int>(breaker->state()) << '\n';
    }
    out << "# HELP hc_circuit_breaker_opened_total Times each circuit breaker has opened.\n"
        << "# TYPE hc_circuit_breaker_opened_total counter\n";
    for (const CircuitBreaker* breaker : breakers_) {
      out << "hc_circuit_breaker_opened_total{breaker=\"" << label(breaker->name()) << "\"} " << breaker->times_opened()
          << '\n';
    }
  }
  return out.str();
}

}  // namespace hc::ops
