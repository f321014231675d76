#pragma once
// The I/O threads, one io_context each. A connection lives on one context for its whole life, so its reads,
// writes and timers run on the thread that owns its socket: no strand to go through, and no other thread woken
// for each completion, as happens when several threads share one context. The first context also runs the
// acceptor, the signal handling and the background loops' timers.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <memory>
#include <vector>

namespace hc::net {

class IoPool {
 public:
  //! `threads` contexts (at least one).
  explicit IoPool(unsigned threads);
  IoPool(const IoPool&) = delete;
  IoPool& operator=(const IoPool&) = delete;

  //! The first context: the acceptor's, and that of everything that is not a connection.
  [[nodiscard]] boost::asio::io_context& main() { return *contexts_.front(); }
  //! The context for the next connection, each in turn. Any thread.
  boost::asio::io_context& next();
  //! Runs every context, the first on this thread and the others on threads of their own, until all have ended.
  void run();
  //! Lets the contexts other than the first end once their connections have (until then they wait for new
  //! ones). Call once the server stopped accepting, from any thread, while the first context still runs (it is
  //! done there).
  void release();

 private:
  using Guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<Guard> guards_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace hc::net
