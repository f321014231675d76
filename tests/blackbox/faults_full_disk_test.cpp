// A full disk under the server's database and uploaded files: while it is full, writes answer 503 `unavailable`
// with Retry-After and reads go on working; nothing acknowledged is lost; once space returns, writes succeed
// again without a restart, and the database passes PRAGMA integrity_check.
//
// The disk is a small tmpfs mounted by the test. That needs root (CAP_SYS_ADMIN), as the tests have here and in
// CI; without it the test runs itself again in a user and mount namespace of its own (`unshare`), and fails,
// saying why, if that does not work either.
#include "data_dir.hpp"
#include "harness.hpp"
#include "test_images.hpp"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/wait.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hc::test {
namespace {

namespace json = boost::json;
using http_verb = boost::beast::http::verb;
using namespace std::chrono_literals;

// Room for the database, its WAL and the uploads of the test, with the filler taking whatever is left.
constexpr std::string_view kVolumeSize = "16m";

//! A tmpfs of kVolumeSize mounted on a fresh folder, unmounted again when this goes out of scope.
class SmallVolume {
 public:
  explicit SmallVolume(std::filesystem::path where) : path_(std::move(where)) {
    std::filesystem::create_directories(path_);
    const std::string options = "size=" + std::string(kVolumeSize);
    if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      error_ = std::strerror(errno);
      return;
    }
    mounted_ = true;
  }
  ~SmallVolume() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  SmallVolume(const SmallVolume&) = delete;
  SmallVolume& operator=(const SmallVolume&) = delete;

  [[nodiscard]] bool mounted() const { return mounted_; }
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  //! Writes a file until the volume has no room left; its size in bytes.
  std::uintmax_t fill(const std::filesystem::path& filler) const {
    std::ofstream out(filler, std::ios::binary);
    const std::string chunk(64 * 1024, 'x');
    while (out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()))) {
    }
    out.close();
    return std::filesystem::file_size(filler);
  }

 private:
  std::filesystem::path path_;
  bool mounted_ = false;
  std::string error_;
};

HttpResult put_image(const HttpClient& client, const std::string& token, const std::string& coupon_id) {
  return client.request(http_verb::put, "/api/v1/coupons/" + coupon_id + "/image",
                        test_images::as_string(test_images::png(1, 1)),
                        {{"Content-Type", "image/png"}, {"Authorization", "Bearer " + token}});
}

HttpResult create_coupon(const HttpClient& client, const std::string& token, const std::string& title) {
  // A long description: each coupon needs new pages of the database, not just room left in one.
  const json::object body{{"title", title}, {"description", std::string(2000, 'd')}, {"discount_percent", 20},
                          {"quantity", 10}, {"valid_until", "2099-12-31"},           {"status", "active"}};
  return client.post("/api/v1/coupons", json::serialize(body), token);
}

//! The kinds of write tried while the disk is full, each several times; what each was answered.
struct Writes {
  std::map<std::string, int> acknowledged;
  std::map<std::string, int> refused;  // 503 unavailable with Retry-After
  std::vector<std::string> wrong;      // any other answer, or a 503 without what API.md promises
  std::vector<std::string> coupons;    // created (acknowledged) while full
  std::vector<std::string> accounts;   // registered while full
  std::vector<std::string> claims;     // redemption ids claimed while full

  //! Records an answer: `ok` for the acknowledged status. True if acknowledged.
  bool note(const std::string& kind, const HttpResult& answer, unsigned ok) {
    if (answer.status == ok) {
      ++acknowledged[kind];
      return true;
    }
    const std::string retry_after = answer.header("Retry-After");
    const bool waits = !retry_after.empty() && std::ranges::all_of(retry_after, ::isdigit) && retry_after != "0";
    if (answer.status == 503 && answer.error_code() == "unavailable" && waits &&
        answer.body.find("request_id") != std::string::npos) {
      ++refused[kind];
    } else {
      wrong.push_back(kind + " -> " + std::to_string(answer.status) + " Retry-After '" + retry_after + "' " +
                      answer.body);
    }
    return false;
  }
};

// Set in the environment of the test run again in a namespace of its own (not HC_*: the server's settings).
constexpr const char* kInOwnNamespace = "HOTELCOUPON_FAULTS_IN_OWN_NAMESPACE";

//! Runs the current test again in a user and mount namespace of its own, where an unprivileged user may mount a
//! tmpfs; its exit code, and what it printed in `output`.
int run_in_own_namespace(std::string& output) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const TempDir dir;
  const auto printed = dir.path() / "output";
  const std::string command = std::string(kInOwnNamespace) + "=1 unshare --user --map-root-user --mount " +
                              std::filesystem::read_symlink("/proc/self/exe").string() +
                              " --gtest_filter=" + test->test_suite_name() + "." + test->name() + " >" +
                              printed.string() + " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(printed);
  output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

//! How many warnings of a full disk the server logged.
int storage_full_warnings(const std::string& log) {
  int count = 0;
  for (auto at = log.find("storage full:"); at != std::string::npos; at = log.find("storage full:", at + 1)) ++count;
  return count;
}

TEST(Faults, AFullDiskRefusesWritesWith503AndTheyWorkAgainOnceSpaceReturns) {
  const TempDir base;  // the server's data folder: its log and token key stay off the small volume
  const SmallVolume volume(base.path() / "disk");
  if (!volume.mounted() && std::getenv(kInOwnNamespace) == nullptr) {
    // Not root: the same test again where mounting a tmpfs needs no privilege; it fails if that fails too.
    std::string output;
    const int exit_code = run_in_own_namespace(output);
    std::cout << output;
    ASSERT_EQ(exit_code, 0) << "mounting a tmpfs failed (" << volume.error()
                            << "), and so did the test in its own user and mount namespace "
                               "(unshare --user --map-root-user --mount):\n"
                            << output;
    return;
  }
  ASSERT_TRUE(volume.mounted()) << "cannot mount a " << kVolumeSize << " tmpfs on " << volume.path() << " ("
                                << volume.error() << "), even in a user and mount namespace of its own";
  // The database and the uploaded files on the small volume; the database is named, so that the test is SQLite's
  // on any engine run.
  std::optional<ServerProcess> server(
      std::in_place, ExistingDataDir{base.path()},
      std::vector<std::string>{"--database-url", "sqlite://" + (volume.path() / "hotelcoupon.db").string(),
                               "--storage-url", "file://" + (volume.path() / "objects").string()});
  const HttpClient client(server->port());

  constexpr std::size_t kTries = 5;  // of each kind of write while the disk is full
  const std::string owner = sign_up(client, "owner@hotel.example", "hotelier");
  std::vector<std::string> guests;
  for (std::size_t i = 0; i <= kTries; ++i) {
    guests.push_back(sign_up(client, "guest" + std::to_string(i) + "@example.com"));
  }
  ASSERT_FALSE(HasFailure());
  const auto first = create_coupon(client, owner, "Before the disk filled");
  ASSERT_EQ(first.status, 201u) << first.body;
  const std::string coupon = json_text(first.json(), "/id");
  ASSERT_EQ(put_image(client, owner, coupon).status, 200u);
  const auto early = client.post("/api/v1/coupons/" + coupon + "/redeem", "", guests[kTries]);
  ASSERT_EQ(early.status, 201u) << early.body;
  const std::string early_code = json_text(early.json(), "/redemption/code");
  const std::string image_url = json_text(client.get("/api/v1/coupons/" + coupon, owner).json(), "/image_url");
  ASSERT_FALSE(image_url.empty());

  const std::filesystem::path filler = volume.path() / "filler";
  const auto filled = volume.fill(filler);
  std::cout << "[ disk     ] filled the " << kVolumeSize << " volume with " << filled / 1024 << " KiB\n";

  Writes writes;
  for (std::size_t i = 0; i < kTries; ++i) {
    const std::string n = std::to_string(i);
    const std::string email = "late" + n + "@example.com";
    if (writes.note("register", register_account(client, email, std::string(kTestPassword)), 201)) {
      writes.accounts.push_back(email);
    }
    const auto created = create_coupon(client, owner, "While the disk is full " + n);
    if (writes.note("create coupon", created, 201)) writes.coupons.push_back(json_text(created.json(), "/id"));
    const auto claim = client.post("/api/v1/coupons/" + coupon + "/redeem", "", guests[i]);
    if (writes.note("claim", claim, 201)) writes.claims.push_back(json_text(claim.json(), "/redemption/id"));
    writes.note("upload image", put_image(client, owner, coupon), 200);  // if acknowledged, checked below

    // Reads go on working meanwhile, and the node stays ready: a full disk refuses writes, not the service.
    EXPECT_EQ(client.get("/api/v1/coupons/" + coupon, guests[0]).status, 200u);
    EXPECT_EQ(client.get("/api/v1/me/redemptions", guests[kTries]).status, 200u);
    EXPECT_EQ(client.get(image_url).status, 200u);
    EXPECT_EQ(client.get("/api/v1/coupons?q=disk", guests[0]).status, 200u);
    EXPECT_EQ(client.get("/healthz").status, 200u);
  }
  const auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200u) << ready.body;
  const auto use =
      client.post("/api/v1/hotelier/redemptions/use", json::serialize(json::object{{"code", early_code}}), owner);
  const bool use_acknowledged = writes.note("desk use", use, 200);

  std::string answers;
  for (const auto& [kind, count] : writes.refused) answers += " " + kind + ": " + std::to_string(count) + " refused,";
  for (const auto& [kind, count] : writes.acknowledged) answers += " " + kind + ": " + std::to_string(count) + " ok,";
  std::cout << "[ disk     ] while full:" << answers << "\n";
  EXPECT_TRUE(writes.wrong.empty()) << joined(writes.wrong) << "\n" << server->log();
  for (const std::string kind : {"register", "create coupon", "claim", "upload image"}) {
    EXPECT_GT(writes.refused[kind], 0) << kind << " was never refused: the disk was not full for it\n" << answers;
  }

  // Space returns: writes succeed again, at once and without a restart.
  std::filesystem::remove(filler);
  EXPECT_EQ(register_account(client, "after@example.com", std::string(kTestPassword)).status, 201u);
  const auto after = create_coupon(client, owner, "After the disk was freed");
  EXPECT_EQ(after.status, 201u) << after.body;
  const auto claim_after = client.post("/api/v1/coupons/" + coupon + "/redeem", "", guests[kTries - 1]);
  EXPECT_TRUE(claim_after.status == 201 || claim_after.error_code() == "already_redeemed") << claim_after.body;
  EXPECT_EQ(put_image(client, owner, coupon).status, 200u);
  const auto use_after =
      client.post("/api/v1/hotelier/redemptions/use", json::serialize(json::object{{"code", early_code}}), owner);
  EXPECT_TRUE(use_after.status == 200 || (use_acknowledged && use_after.error_code() == "already_used"))
      << use_after.body;

  // Nothing acknowledged while the disk was full was lost.
  for (const auto& email : writes.accounts) EXPECT_EQ(login(client, email, std::string(kTestPassword)).status, 200u);
  for (const auto& id : writes.coupons) EXPECT_EQ(client.get("/api/v1/coupons/" + id, owner).status, 200u) << id;
  const auto wallets = [&] {
    std::string all;
    for (const auto& token : guests) all += client.get("/api/v1/me/redemptions?limit=100", token).body;
    return all;
  }();
  for (const auto& id : writes.claims) EXPECT_NE(wallets.find(id), std::string::npos) << "claim " << id << " lost";
  const std::string image_now = json_text(client.get("/api/v1/coupons/" + coupon, owner).json(), "/image_url");
  EXPECT_EQ(client.get(image_now).status, 200u) << image_now;

  // One warning for the burst from each place that met it (requests, the claim batcher, background work), never
  // one per refused write (the access log's lines of the 503s are warnings too), and no error.
  const std::string log = server->log();
  int refused = 0;
  for (const auto& [kind, count] : writes.refused) refused += count;
  const int warnings = storage_full_warnings(log);
  std::cout << "[ disk     ] " << warnings << " storage-full warnings logged for " << refused << " refused writes\n";
  EXPECT_GE(warnings, 1) << log;
  EXPECT_LE(warnings, 3) << "a warning per refused write (" << refused << ")\n" << log;
  EXPECT_EQ(log.find(R"("level":"error")"), std::string::npos) << "a full disk is expected, not an error:\n" << log;

  EXPECT_EQ(server->stop(SIGTERM), 0) << server->log();
  server.reset();
  auto database = open_database(volume.path());
  auto& check = database.prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.text(0), "ok");
}

}  // namespace
}  // namespace hc::test
