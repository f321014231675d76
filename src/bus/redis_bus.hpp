#pragma once
// The bus between nodes on Redis pub/sub, all on one channel. publish is one PUBLISH on a pooled connection;
// subscribe starts one thread with a connection of its own that reads the channel and calls the handlers.
//
// Redis pub/sub keeps no messages: one published while a node is not subscribed (Redis down, the connection
// being re-established) never reaches that node's sockets. Nothing is lost for good, because every delivery is
// in the inboxes before it is published and clients catch up with `resume_after`; a signal is a hint anyway.
// When Redis goes away the thread logs it, reconnects with a backoff that doubles up to a cap, subscribes again
// and goes on; messages never appear in the log, as they can hold user data.
#include "bus/live_bus.hpp"
#include "bus/subscribers.hpp"
#include "core/log.hpp"
#include "redis/pool.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace hc::bus {

struct RedisBusOptions {
  std::string channel = "hc:live";
  //! How long a read waits for a message before the thread looks whether it should stop (bounds shutdown).
  std::chrono::milliseconds read_timeout{250};
  //! Quiet this long, the thread sends a PING; no answer within the command timeout means a dead connection.
  std::chrono::milliseconds heartbeat{5000};
  std::chrono::milliseconds first_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
};

class RedisBus final : public LiveBus {
 public:
  //! Publishes through `pool`; the subscriber thread connects with `subscriber` (the same Redis).
  RedisBus(redis::Pool& pool, redis::ConnectionOptions subscriber, Logger log, RedisBusOptions options = {});
  //! Stops the subscriber thread and waits for it: at most about one read timeout, or one connection attempt.
  ~RedisBus() override;
  //! The same as the destructor, earlier: after it no handler runs again (call it before what they use goes).
  void stop();
  RedisBus(const RedisBus&) = delete;
  RedisBus& operator=(const RedisBus&) = delete;

  //! PUBLISH; throws redis::Error when Redis cannot be reached within the pool's timeouts.
  void publish(const LiveMessage& message) override;
  //! Handlers run on the subscriber thread, one message at a time. The first call starts the thread and waits
  //! for its first attempt to subscribe; if that fails (Redis is down) it returns anyway and the thread keeps
  //! trying, so a node can start during an outage.
  void subscribe(Handler handler) override;
  //! Called on the subscriber thread each time it subscribes again after losing the subscription.
  void on_gap(std::function<void()> handler) override;
  //! True while the subscription is live (for a readiness check).
  [[nodiscard]] bool subscribed() const;

 private:
  void run(const std::stop_token& stop);
  //! Reads the channel until told to stop; throws redis::Error when the connection fails.
  void listen(const std::stop_token& stop);
  void deliver(const std::string& payload) const;
  void set_subscribed(bool subscribed);
  void after_gap();

  redis::Pool& pool_;
  const redis::ConnectionOptions subscriber_;
  const Logger log_;
  const RedisBusOptions options_;
  Subscribers subscribers_;
  mutable std::mutex mutex_;
  std::condition_variable_any changed_;  // an attempt ended, or a stop was requested
  bool attempted_ = false;                // the thread has tried to subscribe at least once
  bool subscribed_ = false;
  std::vector<std::function<void()>> gap_handlers_;
  std::jthread thread_;  // last: it stops and joins before the members it uses go
};

}  // namespace hc::bus
