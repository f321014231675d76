#include "server_probe.hpp"

#include "dataset.hpp"
#include "http_load.hpp"

#include "core/timezone.hpp"

#include <boost/json/parse.hpp>

#include <charconv>
#include <stdexcept>

namespace hc::bench {

double metric(std::uint16_t port, std::string_view name) {
  const Answer answer = fetch(port, {"/metrics", ""});
  if (answer.status != 200) throw std::runtime_error("/metrics answered " + std::to_string(answer.status));
  const std::string line_start = "\n" + std::string(name) + " ";
  const auto at = answer.body.find(line_start);
  if (at == std::string::npos) throw std::runtime_error("/metrics does not show " + std::string(name));
  const char* first = answer.body.data() + at + line_start.size();
  double value = 0;
  std::from_chars(first, answer.body.data() + answer.body.size(), value);
  return value;
}

std::int64_t interactions_today(std::uint16_t port, const std::string& hotelier_token) {
  const std::string today = to_iso_date(local_date(kGeneratedZone, to_seconds(Clock::now())).value_or(LocalDate{}));
  const Answer answer = fetch(port, {"/api/v1/hotelier/stats?from=" + today + "&to=" + today, hotelier_token});
  if (answer.status != 200) {
    throw std::runtime_error("hotelier stats answered " + std::to_string(answer.status) + ": " + answer.body);
  }
  const boost::json::value stats = boost::json::parse(answer.body);
  const auto& totals = stats.at("totals").as_object();
  return totals.at("views").as_int64() + totals.at("clicks").as_int64() + totals.at("shares").as_int64();
}

}  // namespace hc::bench
