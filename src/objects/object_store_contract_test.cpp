// What every object store promises, checked on each: the folder and a real S3-compatible server (s3rver).
#include "objects/fs_store.hpp"
#include "objects/s3_store.hpp"
#include "s3_server.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace hc::objects {
namespace {

// One store under test, with whatever keeps it alive (its folder, its server).
struct StoreUnderTest {
  std::shared_ptr<void> backing;
  std::unique_ptr<ObjectStore> store;
};

struct StoreKind {
  std::string name;
  std::function<StoreUnderTest()> make;
};
void PrintTo(const StoreKind& kind, std::ostream* out) { *out << kind.name; }

S3Options s3_options(const test::S3Server& server) {
  auto location = parse_s3_url(server.url());
  if (!location) throw std::runtime_error(location.error());
  return S3Options{*location, {std::string(test::S3Server::kAccessKey), std::string(test::S3Server::kSecretKey)}};
}

std::vector<StoreKind> store_kinds() {
  return {
      {"Folder",
       [] {
         auto folder = std::make_shared<test::TempDir>();
         return StoreUnderTest{folder, std::make_unique<FileObjectStore>(folder->str() + "/objects")};
       }},
      {"S3",
       [] {
         auto server = std::make_shared<test::S3Server>();
         return StoreUnderTest{server, std::make_unique<S3ObjectStore>(s3_options(*server))};
       }},
  };
}

class ObjectStoreContract : public ::testing::TestWithParam<StoreKind> {
 protected:
  StoreUnderTest under_test_ = GetParam().make();
  ObjectStore& store_ = *under_test_.store;
};

std::string binary_bytes(std::size_t size) {
  std::mt19937 random(7U);
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    if (i % 3 != 0) bytes[i] = static_cast<char>(random() & 0xFFU);  // every third byte stays NUL
  }
  return bytes;
}

TEST_P(ObjectStoreContract, RoundTripsBinaryBytesAndTheTypeExactly) {
  const std::string bytes = binary_bytes(std::size_t{1024} * 1024);
  store_.put("coupons/big.png", bytes, "image/png");
  const auto object = store_.get("coupons/big.png");
  ASSERT_TRUE(object.has_value());
  EXPECT_EQ(object->content_type, "image/png");
  EXPECT_TRUE(object->bytes == bytes);
  store_.put("reports/empty.csv", "", "text/csv; charset=utf-8");
  const auto empty = store_.get("reports/empty.csv");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->bytes, "");
  EXPECT_EQ(empty->content_type, "text/csv; charset=utf-8");
}

TEST_P(ObjectStoreContract, PutReplacesTheObject) {
  store_.put("logos/x.png", "first version", "image/png");
  store_.put("logos/x.png", "second", "image/webp");
  const auto object = store_.get("logos/x.png");
  ASSERT_TRUE(object.has_value());
  EXPECT_EQ(object->bytes, "second");
  EXPECT_EQ(object->content_type, "image/webp");
}

TEST_P(ObjectStoreContract, AMissingObjectIsNulloptAndRemovingItIsFine) {
  EXPECT_FALSE(store_.get("logos/none.png").has_value());
  store_.put("logos/x.png", "x", "image/png");
  EXPECT_FALSE(store_.get("logos").has_value());  // a prefix is not an object
  store_.remove("logos/x.png");
  EXPECT_FALSE(store_.get("logos/x.png").has_value());
  EXPECT_NO_THROW(store_.remove("logos/x.png"));
  EXPECT_NO_THROW(store_.remove("never/made.png"));
}

TEST_P(ObjectStoreContract, EveryMethodRefusesAnInvalidKey) {
  for (const std::string key : {"../x", "/abs", "a//b", "UPPER", "a b", "a/", "a?b", "a#b"}) {
    EXPECT_THROW(store_.put(key, "x", "text/plain"), std::invalid_argument) << key;
    EXPECT_THROW((void)store_.get(key), std::invalid_argument) << key;
    EXPECT_THROW(store_.remove(key), std::invalid_argument) << key;
  }
}

TEST_P(ObjectStoreContract, ConcurrentPutsOfDistinctKeysAllLand) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10;
  const auto key = [](int t, int i) { return "coupons/t" + std::to_string(t) + "-" + std::to_string(i) + ".png"; };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) store_.put(key(t, i), key(t, i) + " bytes", "image/png");
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      const auto object = store_.get(key(t, i));
      ASSERT_TRUE(object.has_value()) << key(t, i);
      EXPECT_EQ(object->bytes, key(t, i) + " bytes");
    }
  }
}

TEST_P(ObjectStoreContract, CheckPassesWhenTheStoreIsUsable) { EXPECT_NO_THROW(store_.check()); }

INSTANTIATE_TEST_SUITE_P(Stores, ObjectStoreContract, ::testing::ValuesIn(store_kinds()),
                         [](const ::testing::TestParamInfo<StoreKind>& kind) { return kind.param.name; });

// Why check() failed with StoreError, or a line saying it passed (which no expected reason contains).
std::string check_failure(ObjectStore& store) {
  try {
    store.check();
    return "check passed";
  } catch (const StoreError& e) {
    return e.what();
  }
}

// What only the S3 store has: a service that can refuse, vanish or not exist.
class S3ObjectStoreTest : public ::testing::Test {
 protected:
  test::S3Server server_;
};

// s3rver checks the access key but does not verify version-4 signatures, so an unknown key stands for any refusal.
TEST_F(S3ObjectStoreTest, RefusedCredentialsAreSaidPlainly) {
  S3Options options = s3_options(server_);
  options.credentials.access_key = "NOT-A-KEY";
  S3ObjectStore store(options);
  const std::string failure = check_failure(store);
  EXPECT_NE(failure.find("refused the credentials"), std::string::npos) << failure;
  EXPECT_THROW(store.put("logos/x.png", "x", "image/png"), StoreError);
}

TEST_F(S3ObjectStoreTest, AMissingBucketIsNamed) {
  S3Options options = s3_options(server_);
  options.location.bucket = "no-such-bucket";
  S3ObjectStore store(options);
  const std::string failure = check_failure(store);
  EXPECT_NE(failure.find("no-such-bucket"), std::string::npos) << failure;
  // A missing bucket is a failure, never "no such object".
  EXPECT_THROW((void)store.get("logos/x.png"), StoreError);
  EXPECT_THROW(store.remove("logos/x.png"), StoreError);
}

TEST_F(S3ObjectStoreTest, AStoppedServerFailsEveryCallQuicklyAndWorksAgainWhenItReturns) {
  S3ObjectStore store(s3_options(server_));
  store.put("logos/x.png", "x", "image/png");
  server_.stop();
  EXPECT_THROW(store.check(), StoreError);
  EXPECT_THROW((void)store.get("logos/x.png"), StoreError);
  EXPECT_THROW(store.put("logos/y.png", "y", "image/png"), StoreError);
  server_.start();
  EXPECT_NO_THROW(store.check());
  EXPECT_EQ(store.get("logos/x.png")->bytes, "x");
}

TEST(S3Urls, ReadTheBucketEndpointAndRegion) {
  const auto location = parse_s3_url("s3://coupon-files?endpoint=https://s3.eu-west-1.amazonaws.com/&region=eu-west-1");
  ASSERT_TRUE(location) << location.error();
  EXPECT_EQ(*location, (S3Location{"coupon-files", "https://s3.eu-west-1.amazonaws.com", "eu-west-1"}));
  const auto defaulted = parse_s3_url("s3://coupon-files?endpoint=http://127.0.0.1:9000");
  ASSERT_TRUE(defaulted);
  EXPECT_EQ(defaulted->region, "us-east-1");
}

TEST(S3Urls, SayWhatIsWrong) {
  const auto error_of = [](std::string_view url) {
    auto parsed = parse_s3_url(url);
    return parsed ? std::string("accepted") : parsed.error();
  };
  EXPECT_NE(error_of("s3://Bad_Bucket?endpoint=http://h").find("bucket"), std::string::npos);
  EXPECT_NE(error_of("s3://files").find("endpoint"), std::string::npos);
  EXPECT_NE(error_of("s3://files?endpoint=ftp://h").find("endpoint"), std::string::npos);
  EXPECT_NE(error_of("s3://files?endpoint=http://h/path").find("endpoint"), std::string::npos);
  EXPECT_NE(error_of("s3://files/folder?endpoint=http://h").find("path"), std::string::npos);
  EXPECT_NE(error_of("s3://files?endpoint=http://h&secret=x").find("secret"), std::string::npos);
  EXPECT_NE(error_of("http://files").find("s3://"), std::string::npos);
}

}  // namespace
}  // namespace hc::objects
