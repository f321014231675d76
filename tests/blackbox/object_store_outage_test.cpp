// The object store on a real S3-compatible server (s3rver), and what happens when it goes away: the breaker in
// front of it opens (and says so in /readyz and /metrics), uploads and files answer 503 with Retry-After, claims
// and sign-ins carry on, and once the store is back the breaker closes and a report asked for meanwhile is made.
#include "redemption_fixture.hpp"
#include "s3_server.hpp"
#include "test_images.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

namespace hc::test {
namespace {

using namespace std::chrono_literals;
using boost::beast::http::verb;

// Started before the server that uses it (a base is built before the members of the class that derives from it),
// with the keys in a credentials file, the way a deployment keeps the secret out of the environment.
struct S3ServerFirst {
  S3ServerFirst() {
    std::ofstream(credentials.path() / "s3") << "# for s3rver\naccess_key = " << S3Server::kAccessKey
                                             << "\nsecret_key = " << S3Server::kSecretKey << "\n";
  }
  S3Server s3;
  TempDir credentials;
};

class ObjectStoreOnS3 : protected S3ServerFirst, public RedemptionApiTest {
 protected:
  ObjectStoreOnS3()
      : RedemptionApiTest({"--storage-url", s3.url(), "--s3-credentials-file", (credentials.path() / "s3").string()}) {}

  json::object readiness() {
    const auto answer = client.get("/readyz");
    EXPECT_EQ(answer.status, 200u) << answer.body;
    return answer.json().as_object();
  }

  std::string breaker_metric() {
    static const std::regex line(R"(hc_circuit_breaker_state\{breaker="object_store"\} (\d))");
    const std::string text = client.get("/metrics").body;
    std::smatch match;
    return std::regex_search(text, match, line) ? match[1].str() : "missing";
  }
};

TEST_F(ObjectStoreOnS3, ImagesLiveInTheBucketAndReadinessSaysAllIsWell) {
  const Hotelier hotel = owner("owner@harbour.example", "Olive Owner");
  const std::string coupon = create_active(hotel.token, "Harbour breakfast");
  const std::string png = test_images::as_string(test_images::png(4, 4));
  const auto uploaded = put_image(hotel.token, "/api/v1/coupons/" + coupon + "/image", png, "image/png");
  ASSERT_EQ(uploaded.status, 200u) << uploaded.body;
  const auto served = get(json_text(uploaded.json(), "/image_url"), {});
  ASSERT_EQ(served.status, 200u);
  EXPECT_TRUE(served.body == png);
  EXPECT_EQ(served.header("Content-Type"), "image/png");
  const json::object ready = readiness();
  EXPECT_EQ(ready.at("status"), "ready");
  EXPECT_EQ(ready.at("checks").at("objects"), "ok");
  EXPECT_EQ(ready.at("breakers").at("object_store"), "closed");
  EXPECT_EQ(breaker_metric(), "0");
}

TEST_F(ObjectStoreOnS3, WhileTheStoreIsDownOnlyFilesWaitAndAReportAskedMeanwhileIsMadeWhenItReturns) {
  outage_expected = true;
  const Hotelier hotel = owner("owner@harbour.example", "Olive Owner");
  const std::string coupon = create_active(hotel.token, "Harbour breakfast");
  const std::string image_target = "/api/v1/coupons/" + coupon + "/image";
  const std::string png = test_images::as_string(test_images::png(4, 4));
  const auto uploaded = put_image(hotel.token, image_target, png, "image/png");
  ASSERT_EQ(uploaded.status, 200u) << uploaded.body;
  const std::string image_url = json_text(uploaded.json(), "/image_url");

  s3.stop();
  // Twenty failed calls within ten seconds open the breaker; readiness probes are calls like any other.
  for (int i = 0; i < 20; ++i) client.get("/readyz");
  const json::object degraded = readiness();
  EXPECT_EQ(degraded.at("status"), "degraded") << json::serialize(degraded);
  EXPECT_EQ(degraded.at("checks").at("database"), "ok");
  EXPECT_EQ(degraded.at("checks").at("objects"), "unreachable (circuit open)");
  EXPECT_EQ(degraded.at("breakers").at("object_store"), "open");
  EXPECT_EQ(breaker_metric(), "1");

  // Files answer 503 with a time to come back...
  const auto refused = put_image(hotel.token, image_target, png, "image/png");
  EXPECT_EQ(refused.status, 503u) << refused.body;
  EXPECT_EQ(refused.error_code(), "unavailable");
  const std::string retry_after = refused.header("Retry-After");
  EXPECT_TRUE(!retry_after.empty() && std::stoi(retry_after) >= 1 && std::stoi(retry_after) <= 5) << retry_after;
  EXPECT_EQ(get(image_url, {}).status, 503u);

  // ...while everything else carries on: signing in, claiming, asking for a report.
  const Traveller ada = guest("ada@example.com", "Ada Guest");
  EXPECT_EQ(login(client, "ada@example.com", std::string(kTestPassword)).status, 200u);
  const json::object claim = redeem_ok(ada.token, coupon);
  EXPECT_FALSE(claim.empty());
  const auto asked = send_with(verb::post, "/api/v1/hotelier/reports",
                               json::serialize(json::object{{"from", local_date_string(std::chrono::system_clock::now(), 0s, -6)},
                                                            {"to", local_date_string(std::chrono::system_clock::now(), 0s)},
                                                            {"format", "pdf"}}),
                               hotel.token);
  ASSERT_EQ(asked.status, 202u) << asked.body;
  const std::string report_path = "/api/v1/hotelier/reports/" + json_text(asked.json(), "/report/id");
  std::this_thread::sleep_for(1500ms);
  const std::string waiting = json_text(get(report_path, hotel.token).json(), "/status");
  EXPECT_TRUE(waiting == "queued" || waiting == "running") << waiting;

  s3.start();
  std::string status;
  EXPECT_TRUE(eventually(30s, 100ms, [&] {
    status = json_text(get(report_path, hotel.token).json(), "/status");
    return status == "ready" || status == "failed";
  }));
  ASSERT_EQ(status, "ready");
  const auto file = get(report_path + "/download", hotel.token);
  ASSERT_EQ(file.status, 200u) << file.body.substr(0, 300);
  EXPECT_TRUE(file.body.starts_with("%PDF-"));
  const json::object recovered = readiness();
  EXPECT_EQ(recovered.at("status"), "ready") << json::serialize(recovered);
  EXPECT_EQ(recovered.at("breakers").at("object_store"), "closed");
  EXPECT_EQ(breaker_metric(), "0");
  EXPECT_EQ(get(image_url, {}).status, 200u);

  const std::string log = server.log();
  EXPECT_NE(log.find(R"("msg":"circuit breaker opened")"), std::string::npos);
  EXPECT_NE(log.find(R"("msg":"circuit breaker closed")"), std::string::npos);
}

}  // namespace
}  // namespace hc::test
