#include "net/router.hpp"

#include "core/text.hpp"

#include <boost/url/decode_view.hpp>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <stdexcept>

namespace hc::net {
namespace {

bool is_capture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// A captured segment, decoded; nullopt (no match: 404) unless it is storable text, which every id is.
std::optional<std::string> percent_decode(std::string_view text) {
  auto checked = boost::urls::make_pct_string_view(text);
  if (!checked) return std::nullopt;
  std::string out;
  for (char c : checked->decode()) out.push_back(c);
  if (!is_storable_text(out)) return std::nullopt;
  return out;
}

}  // namespace

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::invalid_argument("duplicate route: " + route.pattern);
    }
  }
  std::vector<std::string> segments;
  for (std::string_view part : split_path(route.pattern)) segments.emplace_back(part);
  segments_.push_back(std::move(segments));
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(http::verb method, std::string_view path) const {
  const auto parts = split_path(path);
  RouteMatch result;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = segments_[i];
    if (pattern.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool matched = true;
    for (std::size_t s = 0; s < parts.size() && matched; ++s) {
      if (is_capture(pattern[s])) {
        auto value = percent_decode(parts[s]);
        matched = value && !value->empty();
        if (matched) params.emplace_back(pattern[s].substr(1, pattern[s].size() - 2), std::move(*value));
      } else {
        matched = pattern[s] == parts[s];
      }
    }
    if (!matched) continue;
    if (routes_[i].method == method) {
      result.route = &routes_[i];
      result.params = std::move(params);
      return result;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), routes_[i].method) == result.allowed.end()) {
      result.allowed.push_back(routes_[i].method);
    }
  }
  return result;
}

}  // namespace hc::net
