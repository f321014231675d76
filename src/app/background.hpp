#pragma once
// The background work of a process (the outbox, the interaction fold, report jobs, a node's socket events): each
// kind a loop that runs a pass on a pool, again at once while it finds work, else after a pause.
#include "core/log.hpp"
#include "core/storage_full.hpp"
#include "core/worker_pool.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <string_view>
#include <vector>

namespace hc::app {

//! One kind of background work: a pass (returning how much it handled), the pool it runs on, and the pause when
//! it finds nothing.
struct BackgroundWork {
  std::string_view name;
  WorkerPool& pool;
  std::function<std::size_t()> pass;
  std::chrono::milliseconds pause;
  //! A pass that hands on what gathered since the last one (the sockets' events) waits the pause after every pass:
  //! run again at once, each pass would take a handful, and what it hands on would be many small pieces.
  bool gathers = false;
};

//! The background loops of a process, on one strand so that stopping them never races with their timers.
class BackgroundLoops {
 public:
  BackgroundLoops(boost::asio::io_context& io, const Logger& log);

  //! Starts one loop per work; call once. The first pass of each picks up what a crash left behind.
  void start(const std::vector<BackgroundWork>& work);

  //! Ends every loop after its current pass; callable from any thread.
  void stop();

  //! Runs the named loop's next pass now instead of after its pause (work for it was just committed); callable
  //! from any thread. A wake during a pass makes another pass follow it.
  void wake(std::string_view name);

  //! One running loop; used on the strand only.
  struct Loop {
    explicit Loop(const boost::asio::strand<boost::asio::io_context::executor_type>& strand, std::string_view work)
        : name(work), idle(strand) {}
    std::string_view name;
    boost::asio::steady_timer idle;
    bool woken = false;  // a wake came since the current pass began
  };

 private:
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  const Logger& log_;
  StorageFullWarnings storage_full_;  // a pass the full disk refused is retried; logged once per burst
  std::atomic<bool> stopping_{false};
  std::deque<Loop> loops_;  // a deque: loops never move while they wait on their timers
};

}  // namespace hc::app
