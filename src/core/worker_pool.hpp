#pragma once
// Blocking work (database calls, password hashing, rendering) runs here and is awaited, so that no I/O
// thread ever waits on it.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

namespace hc {

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads) : pool_(threads) {}
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool() { stop(); }

  //! Runs f on a worker thread; the awaiting coroutine resumes on its own executor with f's result
  //! (or f's exception).
  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F&>> run(F f) {
    using R = std::invoke_result_t<F&>;
    if constexpr (std::is_void_v<R>) {
      co_await boost::asio::co_spawn(
          pool_, [fn = std::move(f)]() mutable -> boost::asio::awaitable<void> { fn(); co_return; },
          boost::asio::use_awaitable);
    } else {
      // co_spawn needs a default-constructible result; R (a Result<T, E>) may not be.
      auto result = co_await boost::asio::co_spawn(
          pool_, [fn = std::move(f)]() mutable -> boost::asio::awaitable<std::optional<R>> { co_return fn(); },
          boost::asio::use_awaitable);
      co_return std::move(*result);
    }
  }

  //! Runs f on a worker thread without waiting for it; f must catch what it throws.
  template <class F>
  void post(F f) {
    boost::asio::post(pool_, std::move(f));
  }

  //! Waits for queued work to finish and joins the threads.
  void stop() { pool_.join(); }

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace hc
