#include "redis/connection.hpp"
#include "redis/pool.hpp"
#include "redis_server.hpp"

#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace hc::redis {
namespace {

using namespace std::chrono_literals;

Endpoint parsed(std::string_view url) {
  auto endpoint = parse_url(url);
  if (!endpoint) throw std::runtime_error(endpoint.error());
  return *endpoint;
}

std::string error_of(std::string_view url) {
  auto endpoint = parse_url(url);
  return endpoint ? "" : endpoint.error();
}

TEST(RedisUrl, ReadsEveryPart) {
  EXPECT_EQ(parsed("redis://:s3cret@cache.internal:6380/2"), (Endpoint{"cache.internal", 6380, "", "s3cret", 2}));
  EXPECT_EQ(parsed("redis://app:p%40ss@10.0.0.5:7000"), (Endpoint{"10.0.0.5", 7000, "app", "p@ss", 0}));
  EXPECT_EQ(parsed("redis://[::1]:6379/"), (Endpoint{"::1", 6379, "", "", 0}));
}

TEST(RedisUrl, DefaultsToPort6379AndDatabase0) {
  EXPECT_EQ(parsed("redis://localhost"), (Endpoint{"localhost", 6379, "", "", 0}));
}

TEST(RedisUrl, DescribeNeverShowsThePassword) {
  EXPECT_EQ(parsed("redis://:s3cret@cache:6380/2").describe(), "cache:6380/2");
}

TEST(RedisUrl, SaysWhatIsWrong) {
  EXPECT_NE(error_of("cache:6379"), "");
  EXPECT_NE(error_of("http://cache:6379").find("redis://"), std::string::npos);
  EXPECT_NE(error_of("rediss://cache:6379").find("TLS"), std::string::npos);
  EXPECT_NE(error_of("redis://:6379").find("no host"), std::string::npos);
  EXPECT_NE(error_of("redis://cache:0").find("port"), std::string::npos);
  EXPECT_NE(error_of("redis://cache:65536").find("port"), std::string::npos);
  EXPECT_NE(error_of("redis://cache:port").find("port"), std::string::npos);
  EXPECT_NE(error_of("redis://cache/zero").find("database"), std::string::npos);
  EXPECT_NE(error_of("redis://cache/1/2").find("database"), std::string::npos);
  EXPECT_NE(error_of("redis://cache?db=1").find("query"), std::string::npos);
  EXPECT_NE(error_of("redis://app@cache").find("no password"), std::string::npos);
}

TEST(RedisUrl, ErrorsNeverEchoThePassword) {
  for (const char* url : {"rediss://:s3cret@cache", "http://:s3cret@cache", "redis://:s3cret@cache:99999",
                          "redis://:s3cret@cache/x", "redis://:s3cret@cache?a=b", "redis://:s3cret@:1"}) {
    const std::string error = error_of(url);
    EXPECT_NE(error, "") << url;
    EXPECT_EQ(error.find("s3cret"), std::string::npos) << error;
  }
}

class RedisConnection : public ::testing::Test {
 protected:
  test::RedisServer server_;
  Connection connection_{server_.connection_options()};
};

TEST_F(RedisConnection, RoundTripsBinaryArgumentsAndTypedReplies) {
  const std::string key("bin\0key", 7);
  const std::string value("\0\r\n\xff value", 10);
  EXPECT_EQ(connection_.command("SET", key, value).string(), "OK");
  EXPECT_EQ(connection_.command("GET", key).string(), value);
  EXPECT_TRUE(connection_.command("GET", "missing").is_nil());
  EXPECT_EQ(connection_.command("INCRBY", "counter", "41").integer(), 41);
  connection_.command("RPUSH", "list", "a", "b");
  const Reply list = connection_.command("LRANGE", "list", "0", "-1");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list.at(0).string(), "a");
  EXPECT_EQ(list.at(1).string(), "b");
  EXPECT_THROW((void)list.at(2), Error);
}

TEST_F(RedisConnection, AReadOfTheWrongTypeThrows) {
  EXPECT_THROW((void)connection_.command("PING").integer(), Error);
  EXPECT_THROW((void)connection_.command("INCR", "n").string(), Error);
  EXPECT_THROW((void)connection_.command("GET", "missing").size(), Error);
}

TEST_F(RedisConnection, AnErrorReplyThrowsTheServersMessageAndKeepsTheConnection) {
  connection_.command("SET", "text", "hello");
  try {
    connection_.command("LPUSH", "text", "x");
    FAIL() << "LPUSH on a string must fail";
  } catch (const Error& error) {
    EXPECT_TRUE(error.reply().starts_with("WRONGTYPE")) << error.reply();
    EXPECT_NE(std::string(error.what()).find(error.reply()), std::string::npos) << error.what();
  }
  EXPECT_EQ(connection_.command("GET", "text").string(), "hello");
}

TEST_F(RedisConnection, ACommandToAFrozenServerFailsWithinItsTimeout) {
  auto options = server_.connection_options();
  options.command_timeout = 300ms;
  Connection connection(options);
  ASSERT_EQ(connection.command("ECHO", "warm").string(), "warm");
  ASSERT_EQ(::kill(server_.pid(), SIGSTOP), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(connection.command("ECHO", "first"), Error);
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(::kill(server_.pid(), SIGCONT), 0);
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 3s) << "the timeout bounds the wait";
  // The late answer to "first" went with the dropped connection; the next command gets its own.
  EXPECT_EQ(connection.command("ECHO", "second").string(), "second");
}

TEST_F(RedisConnection, ReconnectsAfterTheServerRestarts) {
  ASSERT_EQ(connection_.command("PING").string(), "PONG");
  server_.stop();
  EXPECT_THROW(connection_.command("PING"), Error);
  EXPECT_THROW(connection_.command("PING"), Error) << "while the server is down, every call fails at once";
  server_.start();
  EXPECT_EQ(connection_.command("PING").string(), "PONG");
}

TEST_F(RedisConnection, AnUnreachableServerThrowsWithItsAddress) {
  auto options = server_.connection_options();
  server_.stop();
  Connection connection(options);
  try {
    connection.command("PING");
    FAIL() << "nobody listens";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("127.0.0.1:" + std::to_string(server_.port())), std::string::npos)
        << error.what();
    EXPECT_EQ(error.reply(), "");
  }
}

TEST_F(RedisConnection, AuthenticatesAndSelectsTheDatabase) {
  connection_.command("CONFIG", "SET", "requirepass", "s3cret");
  auto options = server_.connection_options();
  options.endpoint.password = "s3cret";
  options.endpoint.database = 3;
  Connection authenticated(options);
  authenticated.command("SET", "where", "db3");
  EXPECT_EQ(authenticated.command("GET", "where").string(), "db3");
  EXPECT_TRUE(authenticated.command("EXISTS", "where").integer());
  connection_.command("AUTH", "s3cret");
  EXPECT_EQ(connection_.command("EXISTS", "where").integer(), 0) << "database 0 is another one";
}

TEST_F(RedisConnection, AWrongPasswordIsNeverEchoed) {
  connection_.command("CONFIG", "SET", "requirepass", "s3cret");
  auto options = server_.connection_options();
  options.endpoint.password = "wr0ng-pass";
  Connection refused(options);
  try {
    refused.command("PING");
    FAIL() << "the password is wrong";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()).find("wr0ng-pass"), std::string::npos) << error.what();
  }
  EXPECT_THROW(refused.command("PING"), Error) << "a refused connection is not kept";
}

TEST_F(RedisConnection, APoolSharesItsConnectionsBetweenThreads) {
  PoolOptions options{.connection = server_.connection_options(), .size = 2};
  Pool pool(options);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) pool.command("INCR", "hits");
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(pool.command("GET", "hits").string(), "400");
}

TEST_F(RedisConnection, APoolWithNoFreeConnectionFailsAfterItsTimeout) {
  PoolOptions options{.connection = server_.connection_options(), .size = 1, .lease_timeout = 100ms};
  Pool pool(options);
  const auto held = pool.lease();
  EXPECT_THROW((void)pool.lease(), Error);
}

}  // namespace
}  // namespace hc::redis
