// The accounts rules against the real SQLite repository in a temporary folder.
#include "auth/service.hpp"

#include "auth/refresh_token.hpp"
#include "storage/sqlite/account_repository.hpp"
#include "storage/sqlite/schema.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

namespace hc::auth {
namespace {

using namespace std::chrono_literals;

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest()
      : dir_(make_dir()),
        pool_({(dir_ / "test.db").string()}, 4),
        accounts_(pool_),
        hasher_(PasswordParams{1, 8192}),
        tokens_(std::vector<unsigned char>(32, 42), "hotelcoupon", "hotelcoupon-api"),
        failures_(10, 15min),
        service_(accounts_, hasher_, tokens_, failures_, {}, [this] { return now_.load(); }) {
    auto db = pool_.acquire();
    sqlite::apply_migrations(*db, sqlite::schema_migrations());
  }
  ~AuthServiceTest() override { std::filesystem::remove_all(dir_); }

  static std::filesystem::path make_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hc-auth-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    return pattern;
  }

  Registration traveller(std::string email = "alex@user.com") {
    return {std::move(email), "correct horse battery", "Alex", "user", std::nullopt, {}};
  }

  IssuedSession sign_in(const std::string& email = "alex@user.com") {
    auto session = service_.login(email, "correct horse battery", "10.0.0.1");
    EXPECT_TRUE(session.ok());
    return *session;
  }

  std::filesystem::path dir_;
  sqlite::ConnectionPool pool_;
  sqlite::SqliteAccountRepository accounts_;
  PasswordHasher hasher_;
  JwtCodec tokens_;
  InMemoryFailureLimiter failures_;
  std::atomic<Clock::time_point> now_{Clock::now()};
  AuthService service_;
};

TEST_F(AuthServiceTest, RegisteredTravellerCanSignInAndIsAuthenticated) {
  ASSERT_TRUE(service_.register_user(traveller("  Alex@User.COM ")).ok());
  const IssuedSession session = sign_in();
  EXPECT_EQ(session.user.email, "alex@user.com");
  auto principal = service_.authenticate(session.access_token);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->user_id, session.user.id);
  EXPECT_EQ(principal->role, Role::user);
}

TEST_F(AuthServiceTest, StoresOnlyAnArgon2idHashOfThePassword) {
  auto user = service_.register_user(traveller());
  ASSERT_TRUE(user.ok());
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(user->password_hash.find("correct horse"), std::string::npos);
}

TEST_F(AuthServiceTest, ValidationListsEveryBadField) {
  Registration bad{"not-an-email", "short", "", "admin", std::nullopt, {}};
  auto result = service_.register_user(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::validation_failed);
  std::vector<std::string> fields;
  for (const auto& issue : result.error().details) fields.push_back(issue.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"email", "password", "name", "role"}));
}

TEST_F(AuthServiceTest, HotelierNeedsAHotelWithARealTimeZone) {
  Registration hotelier{"h@hotel.com", "correct horse battery", "Hana", "hotelier", std::nullopt, {}};
  EXPECT_FALSE(service_.register_user(hotelier).ok());
  hotelier.hotel = HotelInput{"Hotel", "Dublin", "Ireland", "Mars/Olympus", "", {}};
  auto refused = service_.register_user(hotelier);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.at(0).field, "hotel.timezone");
  hotelier.hotel->timezone = "Europe/Dublin";
  auto created = service_.register_user(hotelier);
  ASSERT_TRUE(created.ok());
  auto me = service_.me(Principal{created->id, Role::hotelier, "s"});
  ASSERT_TRUE(me.ok() && me->hotel.has_value());
  EXPECT_EQ(me->hotel->timezone, "Europe/Dublin");
}

TEST_F(AuthServiceTest, DuplicateEmailIsAConflict) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  auto again = service_.register_user(traveller("ALEX@user.com"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, Errc::email_taken);
}

TEST_F(AuthServiceTest, UnknownEmailAndWrongPasswordLookTheSame) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  auto wrong = service_.login("alex@user.com", "wrong password!!", "10.0.0.1");
  auto unknown = service_.login("nobody@user.com", "wrong password!!", "10.0.0.2");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, Errc::invalid_credentials);
  EXPECT_EQ(unknown.error().code, Errc::invalid_credentials);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(AuthServiceTest, TenFailuresThrottleTheAccountUntilTheWindowPasses) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  for (int i = 0; i < 10; ++i) {
    // Each attempt from a different address: the account limit is what bites.
    auto attempt = service_.login("alex@user.com", "wrong password!!", "10.0.1." + std::to_string(i));
    ASSERT_EQ(attempt.error().code, Errc::invalid_credentials);
  }
  auto throttled = service_.login("alex@user.com", "correct horse battery", "10.0.2.1");
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, Errc::rate_limited);
  ASSERT_TRUE(throttled.error().retry_after.has_value());
  EXPECT_GT(throttled.error().retry_after->count(), 0);
  now_ = now_.load() + 16min;
  EXPECT_TRUE(service_.login("alex@user.com", "correct horse battery", "10.0.2.1").ok());
}

TEST_F(AuthServiceTest, RefreshRotatesAndReuseRevokesTheFamily) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  const IssuedSession first = sign_in();
  auto second = service_.refresh(first.refresh_token);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->refresh_token, first.refresh_token);
  auto reused = service_.refresh(first.refresh_token);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().code, Errc::invalid_token);
  EXPECT_FALSE(service_.refresh(second->refresh_token).ok()) << "the family must be revoked after reuse";
  const IssuedSession other = sign_in();
  EXPECT_TRUE(service_.refresh(other.refresh_token).ok()) << "another family is unaffected";
}

TEST_F(AuthServiceTest, ConcurrentRefreshesOfOneTokenGrantAtMostOne) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  const IssuedSession session = sign_in();
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      if (service_.refresh(session.refresh_token).ok()) ++granted;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 1);
}

TEST_F(AuthServiceTest, ExpiredRefreshTokenIsRefused) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  const IssuedSession session = sign_in();
  now_ = now_.load() + std::chrono::days(31);
  EXPECT_FALSE(service_.refresh(session.refresh_token).ok());
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  const IssuedSession kept = sign_in();
  const IssuedSession ended = sign_in();
  auto principal = service_.authenticate(ended.access_token);
  ASSERT_TRUE(principal.ok());
  service_.logout(*principal, ended.refresh_token);
  EXPECT_FALSE(service_.refresh(ended.refresh_token).ok());
  EXPECT_TRUE(service_.refresh(kept.refresh_token).ok()) << "only the given session ends";
  service_.logout(*principal, std::nullopt);
  auto latest = service_.refresh(kept.refresh_token);
  EXPECT_FALSE(latest.ok()) << "without a token every session ends";
}

TEST_F(AuthServiceTest, AccessTokensExpire) {
  ASSERT_TRUE(service_.register_user(traveller()).ok());
  const IssuedSession session = sign_in();
  now_ = now_.load() + 16min;
  EXPECT_FALSE(service_.authenticate(session.access_token).ok());
}

}  // namespace
}  // namespace hc::auth
