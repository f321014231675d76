#include "net/io_pool.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <thread>

namespace hc::net {

IoPool::IoPool(unsigned threads) {
  for (unsigned i = 0; i < std::max(1U, threads); ++i) {
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    // The first context always has work (the acceptor); the others may wait with none for their first connection.
    if (i > 0) guards_.push_back(boost::asio::make_work_guard(*contexts_.back()));
  }
}

boost::asio::io_context& IoPool::next() {
  return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size()];
}

void IoPool::run() {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts_.size(); ++i)
    threads.emplace_back([&context = *contexts_[i]] { context.run(); });
  contexts_.front()->run();
  for (std::thread& thread : threads) thread.join();
}

void IoPool::release() {
  // The guards belong to the first context's thread, where this is posted: reset there, never twice at once.
  boost::asio::post(main(), [this] {
    for (Guard& guard : guards_) guard.reset();
  });
}

}  // namespace hc::net
