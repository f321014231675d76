#include "app/background.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <functional>

namespace hc::app {
namespace {

using namespace std::chrono_literals;

// One loop whose pause is far longer than the test: only a wake can make it run again.
struct OneLoop {
  boost::asio::io_context io;
  WorkerPool pool{1};
  Logger log = Logger::null();
  BackgroundLoops loops{io, log};
  std::atomic<int> passes{0};

  void start() { loops.start({{"outbox", pool, [this] { return pass(); }, std::chrono::milliseconds(60'000)}}); }
  virtual std::size_t pass() {
    ++passes;
    return 0;
  }
  virtual ~OneLoop() = default;

  // Runs the io_context until `done` or a second has passed.
  void run_until(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 1s;
    while (!done() && std::chrono::steady_clock::now() < deadline) io.run_for(5ms);
  }

  void finish() {
    loops.stop();
    io.run_for(1s);  // until the loop has ended
  }
};

TEST(BackgroundLoops, AWakeRunsTheNextPassNowInsteadOfAfterThePause) {
  OneLoop loop;
  loop.start();
  loop.run_until([&] { return loop.passes == 1; });
  loop.io.run_for(50ms);
  EXPECT_EQ(loop.passes, 1);  // waiting out its pause

  loop.loops.wake("outbox");
  loop.run_until([&] { return loop.passes == 2; });
  EXPECT_EQ(loop.passes, 2);
  loop.finish();
}

// A wake that comes while a pass runs is not lost: another pass follows it.
struct WokenDuringPass : OneLoop {
  std::size_t pass() override {
    if (++passes == 1) loops.wake("outbox");
    return 0;
  }
};

TEST(BackgroundLoops, AWakeDuringAPassMakesAnotherPassFollow) {
  WokenDuringPass loop;
  loop.start();
  loop.run_until([&] { return loop.passes == 2; });
  loop.io.run_for(50ms);
  EXPECT_EQ(loop.passes, 2);
  loop.finish();
}

// Work that gathers (the sockets' events) waits its pause after a pass that found something too.
TEST(BackgroundLoops, WorkThatGathersWaitsItsPauseAfterEveryPass) {
  boost::asio::io_context io;
  WorkerPool pool{1};
  const Logger log = Logger::null();
  BackgroundLoops loops{io, log};
  std::atomic<int> passes{0};
  loops.start({{"socket events", pool, [&] { return static_cast<std::size_t>(++passes); }, 100ms, true}});
  io.run_for(250ms);
  EXPECT_GE(passes, 1);
  EXPECT_LE(passes, 4) << "a pass that found something is not repeated at once (250 ms, 100 ms pauses)";
  loops.stop();
  io.run_for(1s);
}

}  // namespace
}  // namespace hc::app
