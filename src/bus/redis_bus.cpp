#include "bus/redis_bus.hpp"

#include "bus/live_message.hpp"
#include "bus/redis_subscription.hpp"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdint>
#include <exception>

namespace hc::bus {
namespace {

// hiredis writes with write(2), and a write to a connection Redis has reset raises SIGPIPE, which would end the
// process. The subscriber thread holds it back for its whole life: the write fails with EPIPE instead, and a
// pending SIGPIPE goes away with the thread.
void hold_back_sigpipe() {
  sigset_t held_back;
  sigemptyset(&held_back);
  sigaddset(&held_back, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &held_back, nullptr);
}

}  // namespace

RedisBus::RedisBus(redis::Pool& pool, redis::ConnectionOptions subscriber, Logger log, RedisBusOptions options)
    : pool_(pool),
      subscriber_(std::move(subscriber)),
      log_(std::move(log)),
      options_(std::move(options)),
      subscribers_(log_) {}

RedisBus::~RedisBus() = default;

void RedisBus::stop() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void RedisBus::publish(const LiveMessage& message) { pool_.command("PUBLISH", options_.channel, to_json(message)); }

void RedisBus::subscribe(Handler handler) {
  subscribers_.add(std::move(handler));
  std::unique_lock lock(mutex_);
  if (thread_.joinable()) return;
  thread_ = std::jthread([this](const std::stop_token& stop) { run(stop); });
  // An attempt ends within its own timeouts (connect, AUTH, SUBSCRIBE); the bound is only a safeguard.
  const auto one_attempt = subscriber_.connect_timeout + 2 * subscriber_.command_timeout;
  changed_.wait_for(lock, one_attempt, [this] { return attempted_; });
  if (!subscribed_) {
    log_.warn("live bus is not subscribed to redis yet; it keeps trying",
              {{"redis", subscriber_.endpoint.describe()}});
  }
}

void RedisBus::on_gap(std::function<void()> handler) {
  const std::lock_guard lock(mutex_);
  gap_handlers_.push_back(std::move(handler));
}

// Whatever was published while this node was not subscribed never reached it.
void RedisBus::after_gap() {
  std::vector<std::function<void()>> handlers;
  {
    const std::lock_guard lock(mutex_);
    handlers = gap_handlers_;
  }
  for (const auto& handler : handlers) {
    try {
      handler();
    } catch (const std::exception& e) {
      log_.error("live bus gap handler failed", {{"what", std::string_view(e.what())}});
    }
  }
}

bool RedisBus::subscribed() const {
  const std::lock_guard lock(mutex_);
  return subscribed_;
}

void RedisBus::run(const std::stop_token& stop) {
  hold_back_sigpipe();
  const std::string redis = subscriber_.endpoint.describe();
  auto backoff = options_.first_backoff;
  std::int64_t failures = 0;
  while (!stop.stop_requested()) {
    try {
      RedisSubscription subscription(subscriber_, options_.channel, options_.heartbeat);
      set_subscribed(true);
      if (failures > 0) {
        log_.info("live bus subscribed to redis again", {{"redis", redis}, {"failures", failures}});
        after_gap();
      }
      failures = 0;
      backoff = options_.first_backoff;
      while (!stop.stop_requested()) {
        if (auto payload = subscription.next(options_.read_timeout)) deliver(*payload);
      }
    } catch (const std::exception& error) {
      set_subscribed(false);
      ++failures;
      log_.warn("live bus lost redis; reconnecting",
                {{"redis", redis}, {"what", std::string_view(error.what())}, {"failures", failures},
                 {"retry_in_ms", std::int64_t{backoff.count()}}});
      // Wakes early only to stop.
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, stop, backoff, [] { return false; });
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }
  set_subscribed(false);
}

void RedisBus::deliver(const std::string& payload) const {
  auto message = parse_live_message(payload);
  if (!message) {
    // The reason and the size only: the payload may hold user data.
    log_.warn("live bus skipped a message it cannot read",
              {{"reason", message.error()}, {"bytes", std::uint64_t{payload.size()}}});
    return;
  }
  subscribers_.deliver(*message);
}

void RedisBus::set_subscribed(bool subscribed) {
  {
    const std::lock_guard lock(mutex_);
    attempted_ = true;
    subscribed_ = subscribed;
  }
  changed_.notify_all();
}

}  // namespace hc::bus
