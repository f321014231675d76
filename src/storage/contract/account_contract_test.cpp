// The accounts repository's promises on both engines: users with their hotel, unique e-mails, and refresh-token
// rotation that lets exactly one of several racing rotations through.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "storage_contract.hpp"

namespace hc::test {
namespace {

using namespace std::chrono_literals;

const SysSeconds kNow = *parse_rfc3339("2026-03-01T12:00:00Z");

auth::User traveller(std::string id, std::string email) {
  return auth::User{.id = std::move(id),
                    .email = std::move(email),
                    .name = "Zoë Ærø",
                    .role = Role::user,
                    .password_hash = "hash-1",
                    .created_at = kNow,
                    .hotel = std::nullopt};
}

auth::User hotelier(std::string id, std::string email, std::string hotel_id) {
  auth::User user = traveller(id, std::move(email));
  user.role = Role::hotelier;
  user.hotel =
      auth::Hotel{std::move(hotel_id), id, "Hôtel du Lac", "Genève", "CH", "Europe/Zurich", "By the lake", "", kNow};
  return user;
}

auth::RefreshToken token(std::string id, std::string family_id, std::string user_id, std::string hash,
                         SysSeconds expires_at = kNow + 24h) {
  return {std::move(id), std::move(family_id), std::move(user_id), std::move(hash), kNow - 1h, expires_at};
}

// The successor offered to a rotation; its family and user are the old token's, whatever is written here.
auth::RefreshToken successor(std::string id, std::string hash) {
  return token(std::move(id), "ignored", "ignored", std::move(hash));
}

class AccountStorage : public StorageContract {
 protected:
  // A traveller with one session family ("family-1") holding the live token "hash-1".
  void sign_in(const std::string& user_id = "user-1") {
    ASSERT_TRUE(db().accounts().create_user(traveller(user_id, user_id + "@example.com")));
    db().accounts().insert_refresh_token(token("token-1", "family-1", user_id, "hash-1"));
  }

  auth::RotationOutcome rotate(std::string_view hash, const std::string& next) {
    return db().accounts().rotate_refresh_token(hash, successor("id-" + next, next), kNow).outcome;
  }
};

TEST_P(AccountStorage, StoresATravellerAndFindsThemByEmailAndById) {
  ASSERT_TRUE(db().accounts().create_user(traveller("user-1", "zoe@example.com")));
  const auto by_email = db().accounts().find_user_by_email("zoe@example.com");
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->id, "user-1");
  EXPECT_EQ(by_email->name, "Zoë Ærø");
  EXPECT_EQ(by_email->role, Role::user);
  EXPECT_EQ(by_email->password_hash, "hash-1");
  EXPECT_EQ(by_email->created_at, kNow);
  EXPECT_FALSE(by_email->hotel);
  const auto by_id = db().accounts().find_user("user-1");
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->email, "zoe@example.com");
}

TEST_P(AccountStorage, StoresAHotelierWithTheirHotel) {
  ASSERT_TRUE(db().accounts().create_user(hotelier("owner-1", "owner@example.com", "hotel-1")));
  const auto found = db().accounts().find_user("owner-1");
  ASSERT_TRUE(found && found->hotel);
  EXPECT_EQ(found->role, Role::hotelier);
  EXPECT_EQ(found->hotel->id, "hotel-1");
  EXPECT_EQ(found->hotel->owner_id, "owner-1");
  EXPECT_EQ(found->hotel->name, "Hôtel du Lac");
  EXPECT_EQ(found->hotel->city, "Genève");
  EXPECT_EQ(found->hotel->country, "CH");
  EXPECT_EQ(found->hotel->timezone, "Europe/Zurich");
  EXPECT_EQ(found->hotel->description, "By the lake");
  EXPECT_EQ(found->hotel->logo_key, "");
  EXPECT_EQ(found->hotel->created_at, kNow);
}

TEST_P(AccountStorage, FindsNobodyForAnUnknownEmailOrId) {
  EXPECT_FALSE(db().accounts().find_user_by_email("nobody@example.com"));
  EXPECT_FALSE(db().accounts().find_user("nobody"));
  EXPECT_EQ(db().accounts().count_users(), 0);
}

TEST_P(AccountStorage, RefusesASecondAccountWithTheSameEmail) {
  ASSERT_TRUE(db().accounts().create_user(traveller("user-1", "zoe@example.com")));
  const auto second = db().accounts().create_user(hotelier("user-2", "zoe@example.com", "hotel-2"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Errc::email_taken);
  EXPECT_EQ(db().accounts().count_users(), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM hotels"), 0) << "the refused hotelier's hotel is not stored";
}

TEST_P(AccountStorage, AHotelThatCannotBeStoredLeavesNoUserBehind) {
  ASSERT_TRUE(db().accounts().create_user(hotelier("owner-1", "one@example.com", "hotel-1")));
  EXPECT_ANY_THROW((void)db().accounts().create_user(hotelier("owner-2", "two@example.com", "hotel-1")));
  EXPECT_FALSE(db().accounts().find_user("owner-2"));
  EXPECT_EQ(db().accounts().count_users(), 1);
}

TEST_P(AccountStorage, ConcurrentSignUpsWithOneEmailLetExactlyOneThrough) {
  constexpr int kThreads = 4;
  std::latch start(kThreads);
  std::atomic<int> created{0};
  std::atomic<int> taken{0};
  std::vector<std::jthread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      const auto result = db().accounts().create_user(
          hotelier("owner-" + std::to_string(i), "same@example.com", "hotel-" + std::to_string(i)));
      if (result) ++created;
      if (!result && result.error() == Errc::email_taken) ++taken;
    });
  }
  threads.clear();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(taken.load(), kThreads - 1);
  EXPECT_EQ(db().accounts().count_users(), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM hotels"), 1);
}

TEST_P(AccountStorage, ReplacesThePasswordHash) {
  ASSERT_TRUE(db().accounts().create_user(traveller("user-1", "zoe@example.com")));
  ASSERT_TRUE(db().accounts().create_user(traveller("user-2", "ann@example.com")));
  db().accounts().update_password_hash("user-1", "stronger-hash");
  EXPECT_EQ(db().accounts().find_user("user-1")->password_hash, "stronger-hash");
  EXPECT_EQ(db().accounts().find_user("user-2")->password_hash, "hash-1");
  EXPECT_EQ(db().accounts().count_users(), 2);
}

TEST_P(AccountStorage, RotatesALiveTokenIntoItsFamily) {
  sign_in();
  const auth::Rotation rotation = db().accounts().rotate_refresh_token("hash-1", successor("token-2", "hash-2"), kNow);
  EXPECT_EQ(rotation.outcome, auth::RotationOutcome::rotated);
  EXPECT_EQ(rotation.user_id, "user-1");
  EXPECT_EQ(rotation.family_id, "family-1");
  EXPECT_EQ(query_int("SELECT count(*) FROM refresh_tokens WHERE family_id = 'family-1' AND user_id = 'user-1'"), 2)
      << "the successor joins the old token's family and user";
  EXPECT_EQ(rotate("hash-2", "hash-3"), auth::RotationOutcome::rotated) << "the successor is live";
}

TEST_P(AccountStorage, PresentingAUsedTokenRevokesTheWholeFamily) {
  sign_in();
  ASSERT_EQ(rotate("hash-1", "hash-2"), auth::RotationOutcome::rotated);
  const auth::Rotation reuse = db().accounts().rotate_refresh_token("hash-1", successor("token-x", "hash-x"), kNow);
  EXPECT_EQ(reuse.outcome, auth::RotationOutcome::reused);
  EXPECT_EQ(reuse.user_id, "user-1");
  EXPECT_EQ(reuse.family_id, "family-1");
  EXPECT_EQ(rotate("hash-2", "hash-3"), auth::RotationOutcome::reused) << "the successor was revoked with it";
  EXPECT_EQ(query_int("SELECT count(*) FROM refresh_tokens WHERE token_hash = 'hash-x'"), 0);
}

TEST_P(AccountStorage, LeavesOtherFamiliesAloneWhenOneIsRevokedForReuse) {
  sign_in();
  db().accounts().insert_refresh_token(token("token-9", "family-9", "user-1", "hash-9"));
  ASSERT_EQ(rotate("hash-1", "hash-2"), auth::RotationOutcome::rotated);
  ASSERT_EQ(rotate("hash-1", "hash-3"), auth::RotationOutcome::reused);
  EXPECT_EQ(rotate("hash-9", "hash-10"), auth::RotationOutcome::rotated);
}

TEST_P(AccountStorage, AnUnknownOrExpiredTokenRotatesNothing) {
  sign_in();
  db().accounts().insert_refresh_token(token("token-old", "family-2", "user-1", "hash-old", kNow));
  EXPECT_EQ(rotate("no-such-hash", "hash-2"), auth::RotationOutcome::unknown);
  const auth::Rotation expired = db().accounts().rotate_refresh_token("hash-old", successor("token-3", "hash-3"), kNow);
  EXPECT_EQ(expired.outcome, auth::RotationOutcome::unknown);
  EXPECT_EQ(query_int("SELECT count(*) FROM refresh_tokens"), 2) << "no successor was stored";
  EXPECT_EQ(rotate("hash-1", "hash-4"), auth::RotationOutcome::rotated) << "nothing was revoked";
}

TEST_P(AccountStorage, ConcurrentRotationsOfOneTokenLetExactlyOneThrough) {
  sign_in();
  constexpr int kThreads = 4;
  std::latch start(kThreads);
  std::atomic<int> rotated{0};
  std::atomic<int> reused{0};
  std::vector<std::jthread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      const auto outcome = rotate("hash-1", "next-" + std::to_string(i));
      if (outcome == auth::RotationOutcome::rotated) ++rotated;
      if (outcome == auth::RotationOutcome::reused) ++reused;
    });
  }
  threads.clear();
  EXPECT_EQ(rotated.load(), 1);
  EXPECT_EQ(reused.load(), kThreads - 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NULL"), 0)
      << "the reuse revoked the family, the winner's successor too";
}

TEST_P(AccountStorage, RevokesAFamilyOnlyForTheUserItBelongsTo) {
  sign_in("user-1");
  ASSERT_TRUE(db().accounts().create_user(traveller("user-2", "user-2@example.com")));
  EXPECT_FALSE(db().accounts().revoke_family_of("hash-1", "user-2", kNow));
  EXPECT_FALSE(db().accounts().revoke_family_of("no-such-hash", "user-1", kNow));
  EXPECT_EQ(query_int("SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NOT NULL"), 0);
  EXPECT_TRUE(db().accounts().revoke_family_of("hash-1", "user-1", kNow));
  EXPECT_EQ(rotate("hash-1", "hash-2"), auth::RotationOutcome::reused);
}

TEST_P(AccountStorage, RevokesEveryFamilyOfOneUser) {
  sign_in("user-1");
  db().accounts().insert_refresh_token(token("token-2", "family-2", "user-1", "hash-2"));
  ASSERT_TRUE(db().accounts().create_user(traveller("user-2", "user-2@example.com")));
  db().accounts().insert_refresh_token(token("token-3", "family-3", "user-2", "hash-3"));
  db().accounts().revoke_all_families("user-1", kNow);
  EXPECT_EQ(rotate("hash-1", "next-1"), auth::RotationOutcome::reused);
  EXPECT_EQ(rotate("hash-2", "next-2"), auth::RotationOutcome::reused);
  EXPECT_EQ(rotate("hash-3", "next-3"), auth::RotationOutcome::rotated);
}

HC_STORAGE_CONTRACT(AccountStorage);

}  // namespace
}  // namespace hc::test
