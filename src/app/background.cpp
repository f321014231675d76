#include "app/background.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>

namespace hc::app {
namespace {

// Runs the work's pass on its pool until `stopping`: again at once while it finds work or was woken during the
// pass (unless it gathers), else after the pause (which a wake cuts short).
boost::asio::awaitable<void> repeat_in_background(BackgroundWork work, BackgroundLoops::Loop& loop,
                                                  const std::atomic<bool>& stopping, const Logger& log,
                                                  StorageFullWarnings& storage_full) {
  namespace asio = boost::asio;
  while (!stopping) {
    loop.woken = false;  // this pass sees whatever was committed before the wake
    std::size_t handled = 0;
    try {
      handled = co_await work.pool.run([&work] { return work.pass(); });
    } catch (const std::exception& e) {
      // A failing pass (a busy or full disk) is retried after the pause; it never ends the loop.
      if (is_storage_full(e)) {
        storage_full.note(work.name, e);
      } else {
        log.error("background work failed", {{"work", work.name}, {"what", std::string_view(e.what())}});
      }
    }
    if (!work.gathers && (handled > 0 || loop.woken)) continue;
    loop.idle.expires_after(work.pause);
    co_await loop.idle.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace

BackgroundLoops::BackgroundLoops(boost::asio::io_context& io, const Logger& log)
    : strand_(boost::asio::make_strand(io)), log_(log), storage_full_(log) {}

void BackgroundLoops::start(const std::vector<BackgroundWork>& work) {
  for (const BackgroundWork& each : work) {
    Loop& loop = loops_.emplace_back(strand_, each.name);
    boost::asio::co_spawn(strand_, repeat_in_background(each, loop, stopping_, log_, storage_full_),
                          [&log = log_, name = each.name](const std::exception_ptr& escaped) {
                            if (!escaped) return;
                            try {
                              std::rethrow_exception(escaped);
                            } catch (const std::exception& e) {
                              log.error("background loop ended", {{"work", name}, {"what", std::string_view(e.what())}});
                            }
                          });
  }
}

void BackgroundLoops::stop() {
  boost::asio::post(strand_, [this] {
    stopping_ = true;
    for (Loop& loop : loops_) loop.idle.cancel();
  });
}

void BackgroundLoops::wake(std::string_view name) {
  boost::asio::post(strand_, [this, name] {
    for (Loop& loop : loops_) {
      if (loop.name != name) continue;
      loop.woken = true;
      loop.idle.cancel();
    }
  });
}

}  // namespace hc::app
