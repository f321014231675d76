#pragma once
// GET /media/{folder}/{name}: stored images, cacheable for a year (a key changes whenever its image does).
#include "core/worker_pool.hpp"
#include "net/http.hpp"
#include "objects/object_store.hpp"

namespace hc::media {

class MediaHandlers {
 public:
  MediaHandlers(objects::ObjectStore& objects, WorkerPool& workers) : objects_(objects), workers_(workers) {}

  boost::asio::awaitable<net::Response> get(net::RequestContext& ctx);

 private:
  objects::ObjectStore& objects_;
  WorkerPool& workers_;
};

}  // namespace hc::media
