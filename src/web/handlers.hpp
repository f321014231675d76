#pragma once
// Serving the web app: its files from memory, index.html at / and for the app's own routes.
#include "net/http.hpp"
#include "web/site.hpp"

#include <optional>

namespace hc::web {

class WebHandlers {
 public:
  explicit WebHandlers(const Site& site) : site_(site) {}

  //! GET / : the app's index.html.
  boost::asio::awaitable<net::Response> index(net::RequestContext& ctx);
  //! A GET or HEAD that no route takes: a file of the site, or index.html for one of the app's routes; nullopt
  //! leaves the request its usual 404.
  [[nodiscard]] std::optional<net::Response> fallback(const net::RequestContext& ctx) const;

 private:
  const Site& site_;
};

}  // namespace hc::web
