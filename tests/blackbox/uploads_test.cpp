// Coupon images and hotel logos seen from outside: real JPEG, PNG and WebP files are recognised from their
// bytes whatever the client calls them and served back byte for byte with the right type and a long cache;
// replaced images disappear; anything else, anything too large and anyone else is refused; /media serves
// nothing but stored images.
#include "coupon_fixture.hpp"
#include "test_images.hpp"

#include "core/text.hpp"
#include "render/coupon_art.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace hc::test {
namespace {

namespace images = hc::test_images;

struct Sample {
  std::string name;
  std::string bytes;
  std::string media_type;  // what the server must answer
  std::string sent_as;     // what the client claims ("" sends no Content-Type)
};

std::vector<Sample> valid_samples() {
  return {
      {"1x1 PNG sent as octet-stream", images::as_string(images::png(1, 1)), "image/png", "application/octet-stream"},
      {"8x8 JPEG sent as PNG", images::as_string(images::jpeg(8, 8)), "image/jpeg", "image/png"},
      {"lossless WebP", images::as_string(images::webp_lossless()), "image/webp", "image/webp"},
      {"extended WebP without a type", images::as_string(images::webp_extended(64, 48)), "image/webp", ""},
      {"drawn 1200x675 coupon PNG",
       render::draw_coupon_png({"Sunset dinner for two", "Harbour Hotel", 35, "romance", 7}), "image/png",
       "image/png"},
  };
}

// A valid 1x1 PNG grown to exactly `size` bytes with a private ancillary chunk ("prIv") before IEND.
std::string png_of_size(std::size_t size) {
  const images::Bytes small = images::png(1, 1);
  const std::size_t overhead = 12;  // length, type and CRC of the extra chunk
  const std::size_t iend = 12;
  const images::Bytes padding(size - small.size() - overhead, 'x');
  images::Bytes out(small.begin(), small.end() - static_cast<std::ptrdiff_t>(iend));
  const images::Bytes chunk = images::png_chunk("prIv", padding);
  out.insert(out.end(), chunk.begin(), chunk.end());
  out.insert(out.end(), small.end() - static_cast<std::ptrdiff_t>(iend), small.end());
  return images::as_string(out);
}

constexpr std::size_t kMiB = 1024 * 1024;

class Uploads : public CouponApiTest {
 protected:
  void SetUp() override {
    owner = hotelier("owner@hotel.example", {"Harbour Hotel", "Dublin", "Ireland", "Europe/Dublin", "x"});
    coupon = create_active(owner.token, "Picture perfect");
    image_target = "/api/v1/coupons/" + coupon + "/image";
  }

  HttpResult upload(const std::string& bytes, const std::string& content_type = "image/png") {
    return put_image(owner.token, image_target, bytes, content_type);
  }

  HttpResult upload_logo(const std::string& bytes, const std::string& content_type = "image/png") {
    return put_image(owner.token, "/api/v1/hotels/mine/logo", bytes, content_type);
  }

  //! The URL serves exactly these bytes, as this type, never sniffed, cached for a year; anyone may fetch it.
  void expect_served(const std::string& url, const std::string& bytes, const std::string& media_type,
                     const std::string& what) {
    ASSERT_TRUE(url.starts_with("/media/")) << what << ": " << url;
    const auto served = get(url, {});
    ASSERT_EQ(served.status, 200u) << what << ": " << url << " " << served.body.substr(0, 200);
    EXPECT_TRUE(served.body == bytes) << what << ": " << served.body.size() << " bytes served, " << bytes.size()
                                      << " uploaded";
    EXPECT_EQ(served.header("Content-Type"), media_type) << what;
    EXPECT_EQ(served.header("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_NE(served.header("Cache-Control").find("max-age=31536000"), std::string::npos)
        << what << ": " << served.header("Cache-Control");
  }

  void expect_gone(const std::string& url, const std::string& what) {
    const auto old = get(url, {});
    EXPECT_EQ(old.status, 404u) << what << ": the replaced " << url << " is still served";
  }

  //! Sends a PUT whose body may be refused before it is all sent; returns the answer.
  HttpResult raw_put(const std::string& target, const std::string& bytes, const std::string& content_type) {
    RawConnection connection(server.port());
    const std::string head = "PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                             owner.token + "\r\nContent-Type: " + content_type +
                             "\r\nContent-Length: " + std::to_string(bytes.size()) + "\r\nConnection: close\r\n\r\n";
    connection.send(head);
    // The server may answer and close as soon as it has seen the length: stop sending then.
    for (std::size_t at = 0; at < bytes.size(); at += 64 * 1024) {
      if (!connection.send(std::string_view(bytes).substr(at, 64 * 1024))) break;
    }
    try {
      return connection.read_response(std::chrono::seconds(10));
    } catch (const std::exception& e) {
      ADD_FAILURE() << "no answer to a " << bytes.size() << "-byte PUT " << target << ": " << e.what();
      return {};
    }
  }

  std::string current_image_url() { return json_text(get_coupon(owner.token, coupon).json(), "/image_url"); }

  Hotelier owner;
  std::string coupon;
  std::string image_target;
};

// ---- Accepted images ---------------------------------------------------------------------------------------------

TEST_F(Uploads, CouponImageInEachFormatIsServedBackByteForByte) {
  std::string previous;
  for (const auto& sample : valid_samples()) {
    const auto result = upload(sample.bytes, sample.sent_as);
    ASSERT_EQ(result.status, 200u) << sample.name << ": " << result.body;
    const auto body = result.json();
    EXPECT_EQ(json_text(body, "/id"), coupon);
    const std::string url = json_text(body, "/image_url");
    EXPECT_NE(url, previous) << sample.name << ": a replaced image needs a new URL";
    EXPECT_EQ(current_image_url(), url) << sample.name;
    expect_served(url, sample.bytes, sample.media_type, sample.name);
    if (!previous.empty()) expect_gone(previous, sample.name);
    previous = url;
  }
  // The image shows wherever the coupon does.
  const std::string guest = traveller("guest@example.com");
  EXPECT_EQ(json_text(get_coupon(guest, coupon).json(), "/image_url"), previous);
  const auto found = search(guest, "q=picture");
  ASSERT_EQ(found.status, 200u);
  EXPECT_EQ(json_text(found.json(), "/items/0/image_url"), previous);
  // And the URL is the one any client can fetch with a conditional-free GET, again and again.
  expect_served(previous, valid_samples().back().bytes, "image/png", "second fetch");
}

TEST_F(Uploads, DraftAndPausedCouponsTakeImagesToo) {
  const std::string draft = json_text(create_ok(owner.token, coupon_body("Draft picture")), "/id");
  const auto result = put_image(owner.token, "/api/v1/coupons/" + draft + "/image", images::as_string(images::png(1, 1)),
                                "image/png");
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(json_text(result.json(), "/status"), "draft");
  ASSERT_EQ(patch(owner.token, coupon, {{"status", "paused"}}).status, 200u);
  const auto paused = upload(images::as_string(images::jpeg(8, 8)), "image/jpeg");
  ASSERT_EQ(paused.status, 200u) << paused.body;
  EXPECT_EQ(json_text(paused.json(), "/status"), "paused");
}

TEST_F(Uploads, HotelLogoInEachFormatIsServedBackByteForByte) {
  std::vector<Sample> samples = valid_samples();
  samples.push_back({"drawn 512x512 logo", render::draw_logo_png("Harbour Hotel", 3), "image/png", "image/png"});
  std::string previous;
  for (const auto& sample : samples) {
    const auto result = upload_logo(sample.bytes, sample.sent_as);
    ASSERT_EQ(result.status, 200u) << sample.name << ": " << result.body;
    const auto body = result.json();
    EXPECT_EQ(json_text(body, "/id"), owner.hotel_id);
    const std::string url = json_text(body, "/logo_url");
    EXPECT_NE(url, previous) << sample.name;
    const auto profile = get("/api/v1/hotels/" + owner.hotel_id, owner.token);
    EXPECT_EQ(json_text(profile.json(), "/logo_url"), url) << sample.name;
    expect_served(url, sample.bytes, sample.media_type, sample.name);
    if (!previous.empty()) expect_gone(previous, sample.name);
    previous = url;
  }
  // The coupon image and the logo are separate objects.
  ASSERT_EQ(upload(images::as_string(images::png(1, 1))).status, 200u);
  expect_served(previous, samples.back().bytes, "image/png", "logo after a coupon image");
  const auto me = get("/api/v1/me", owner.token);
  EXPECT_EQ(json_text(me.json(), "/hotel/logo_url"), previous) << me.body;
}

TEST_F(Uploads, ImageOfExactlyFiveMebibytesIsAccepted) {
  const std::string largest = png_of_size(5 * kMiB);
  ASSERT_EQ(largest.size(), 5 * kMiB);
  const auto result = upload(largest);
  ASSERT_EQ(result.status, 200u) << result.body;
  expect_served(json_text(result.json(), "/image_url"), largest, "image/png", "5 MiB PNG");
  // 40 megapixels exactly is allowed.
  const auto forty = upload(images::as_string(images::png(8000, 5000)));
  EXPECT_EQ(forty.status, 200u) << forty.body;
}

// ---- Refused uploads ---------------------------------------------------------------------------------------------

TEST_F(Uploads, WhatIsNotAnAcceptedImageIsRefused) {
  const std::string kept = images::as_string(images::png(1, 1));
  ASSERT_EQ(upload(kept).status, 200u);
  const std::string kept_url = current_image_url();
  const std::string kept_logo_bytes = images::as_string(images::jpeg(8, 8));
  ASSERT_EQ(upload_logo(kept_logo_bytes, "image/jpeg").status, 200u);
  const std::string kept_logo = json_text(get("/api/v1/hotels/" + owner.hotel_id, owner.token).json(), "/logo_url");

  images::Bytes bad_crc = images::png(1, 1);
  bad_crc[20] ^= 0x01U;
  const images::Bytes whole = images::png(1, 1);
  const std::vector<Sample> refused{
      {"HTML claiming to be a JPEG", "<!DOCTYPE html><html><script>alert(1)</script></html>", "", "image/jpeg"},
      {"SVG", R"svg(<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>)svg", "", "image/svg+xml"},
      {"SVG claiming to be a PNG", R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>)", "",
       "image/png"},
      {"truncated PNG", images::as_string(images::Bytes(whole.begin(), whole.end() - 1)), "", "image/png"},
      {"PNG cut after the header", images::as_string(images::Bytes(whole.begin(), whole.begin() + 33)), "",
       "image/png"},
      {"PNG with a damaged header", images::as_string(bad_crc), "", "image/png"},
      {"truncated JPEG", images::as_string(images::jpeg(8, 8)).substr(0, 100), "", "image/jpeg"},
      {"GIF", std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 13), "", "image/gif"},
      {"empty body", "", "", "image/png"},
      {"JSON", R"({"image":"x"})", "", "application/json"},
      {"PNG with zero width", images::as_string(images::png(0, 1)), "", "image/png"},
  };
  for (const auto& sample : refused) {
    for (const bool logo : {false, true}) {
      const auto result = logo ? upload_logo(sample.bytes, sample.sent_as) : upload(sample.bytes, sample.sent_as);
      const std::string what = sample.name + (logo ? " (logo)" : " (coupon image)");
      EXPECT_EQ(result.status, 415u) << what << ": " << result.body;
      EXPECT_EQ(result.error_code(), "unsupported_media_type") << what;
      const std::string message = json_text(result.json(), "/error/message");
      EXPECT_FALSE(message.empty()) << what;
      EXPECT_EQ(message.find("application/json"), std::string::npos) << what << ": a misleading message: " << message;
    }
  }
  // Nothing changed, and the kept images are still served.
  EXPECT_EQ(current_image_url(), kept_url);
  expect_served(kept_url, kept, "image/png", "kept coupon image");
  expect_served(kept_logo, kept_logo_bytes, "image/jpeg", "kept logo");
}

TEST_F(Uploads, TooLargeBodiesAndImagesAreRefused) {
  const std::string kept = images::as_string(images::webp_lossless());
  ASSERT_EQ(upload(kept, "image/webp").status, 200u);
  const std::string kept_url = current_image_url();

  // Bodies over 5 MiB, whatever they hold, by declared length.
  std::string six = images::as_string(images::png(1, 1));
  six.resize(6 * kMiB, '\0');
  for (const auto& [what, bytes] : {std::pair<std::string, std::string>{"6 MiB body", six},
                                    std::pair<std::string, std::string>{"5 MiB + 1 PNG", png_of_size(5 * kMiB + 1)}}) {
    for (const std::string& target : {image_target, std::string("/api/v1/hotels/mine/logo")}) {
      const auto result = raw_put(target, bytes, "image/png");
      EXPECT_EQ(result.status, 413u) << what << " to " << target << ": " << result.body.substr(0, 300);
      EXPECT_EQ(result.error_code(), "payload_too_large") << what;
    }
  }
  // Small files whose headers claim too many pixels.
  const std::vector<Sample> huge{
      {"50000x50000 PNG", images::as_string(images::png(50000, 50000)), "", "image/png"},
      {"50000x50000 PNG without pixels", images::as_string(images::png(50000, 50000, false)), "", "image/png"},
      {"8000x5001 PNG", images::as_string(images::png(8000, 5001)), "", "image/png"},
      {"65535x65535 JPEG", images::as_string(images::jpeg(65535, 65535)), "", "image/jpeg"},
      {"16384x16384 WebP", images::as_string(images::webp_extended(16384, 16384)), "", "image/webp"},
  };
  for (const auto& sample : huge) {
    for (const bool logo : {false, true}) {
      const auto result = logo ? upload_logo(sample.bytes, sample.sent_as) : upload(sample.bytes, sample.sent_as);
      const std::string what = sample.name + (logo ? " (logo)" : " (coupon image)");
      EXPECT_TRUE(result.status == 413u || result.status == 415u) << what << ": " << result.status << " " << result.body;
      const std::string message = ascii_lower(json_text(result.json(), "/error/message"));
      EXPECT_NE(message.find("pixel"), std::string::npos) << what << ": the message does not say why: " << message;
    }
  }
  EXPECT_EQ(current_image_url(), kept_url);
  expect_served(kept_url, kept, "image/webp", "kept image");
  EXPECT_TRUE(json_text(get("/api/v1/hotels/" + owner.hotel_id, owner.token).json(), "/logo_url").empty());
}

// ---- Who may upload ------------------------------------------------------------------------------------------------

TEST_F(Uploads, OnlyTheOwnerChangesACouponImage) {
  const std::string png = images::as_string(images::png(1, 1));
  ASSERT_EQ(upload(png).status, 200u);
  const std::string kept_url = current_image_url();
  const Hotelier rival = hotelier("rival@hotel.example", {"Rival Inn", "Cork", "Ireland", "Europe/Dublin", "x"});
  const std::string rival_draft = json_text(create_ok(rival.token, coupon_body("Rival draft")), "/id");
  const std::string guest = traveller("guest@example.com");
  const std::string jpeg = images::as_string(images::jpeg(8, 8));

  const auto by_rival = put_image(rival.token, image_target, jpeg, "image/jpeg");
  EXPECT_EQ(by_rival.status, 404u) << by_rival.body;
  EXPECT_EQ(by_rival.error_code(), "not_found");
  const auto rivals_draft = put_image(owner.token, "/api/v1/coupons/" + rival_draft + "/image", jpeg, "image/jpeg");
  EXPECT_EQ(rivals_draft.status, 404u) << rivals_draft.body;
  const auto unknown = put_image(owner.token, "/api/v1/coupons/01HZZZZZZZZZZZZZZZZZZZZZZZ/image", jpeg, "image/jpeg");
  EXPECT_EQ(unknown.status, 404u) << unknown.body;
  EXPECT_EQ(put_image(guest, image_target, jpeg, "image/jpeg").status, 403u);
  EXPECT_EQ(put_image(guest, "/api/v1/hotels/mine/logo", jpeg, "image/jpeg").status, 403u);
  EXPECT_EQ(put_image({}, image_target, jpeg, "image/jpeg").status, 401u);
  EXPECT_EQ(put_image({}, "/api/v1/hotels/mine/logo", jpeg, "image/jpeg").status, 401u);
  // Bad bytes from someone else are still "not yours", not a hint that the coupon exists.
  EXPECT_EQ(put_image(rival.token, image_target, "<html></html>", "image/jpeg").status, 404u);

  EXPECT_EQ(current_image_url(), kept_url);
  expect_served(kept_url, png, "image/png", "owner's image");
  // A rival's logo upload changes only the rival's hotel.
  ASSERT_EQ(put_image(rival.token, "/api/v1/hotels/mine/logo", jpeg, "image/jpeg").status, 200u);
  EXPECT_TRUE(json_text(get("/api/v1/hotels/" + owner.hotel_id, owner.token).json(), "/logo_url").empty());
  EXPECT_FALSE(json_text(get("/api/v1/hotels/" + rival.hotel_id, owner.token).json(), "/logo_url").empty());
}

TEST_F(Uploads, ArchivedCouponTakesNoImage) {
  ASSERT_EQ(upload(images::as_string(images::png(1, 1))).status, 200u);
  const std::string kept_url = current_image_url();
  ASSERT_EQ(patch(owner.token, coupon, {{"status", "archived"}}).status, 200u);
  const auto result = upload(images::as_string(images::jpeg(8, 8)), "image/jpeg");
  EXPECT_EQ(result.status, 409u) << result.body;
  EXPECT_EQ(result.error_code(), "archived");
  EXPECT_EQ(current_image_url(), kept_url);
}

// ---- /media serves stored images and nothing else --------------------------------------------------------------------

TEST_F(Uploads, MediaPathsThatNameNoImageAreNotFound) {
  const std::string png = images::as_string(images::png(1, 1));
  ASSERT_EQ(upload(png).status, 200u);
  const std::string url = current_image_url();  // /media/coupons/<name>
  const std::string name = url.substr(url.rfind('/') + 1);
  std::string upper_url = url;
  std::transform(upper_url.begin(), upper_url.end(), upper_url.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  upper_url.replace(0, 7, "/media/");
  const std::vector<std::string> paths{
      "/media/../etc/passwd",
      "/media/../../etc/passwd",
      "/media/%2e%2e/%2e%2e/etc/passwd",
      "/media/..%2f..%2f..%2fetc%2fpasswd",
      "/media/coupons/..%2f..%2fserver.log",
      "/media/coupons/../../server.log",
      "/media/%2e%2e/server.log",
      "/media/secrets/jwt.key",
      "/media/..%2fsecrets/jwt.key",
      "/media/coupons/" + name + ".type",
      "/media/coupons/unknown.png",
      "/media/logos/" + name,
      "/media/coupons/" + name + "/",
      "/media/coupons/" + name + "%00.png",
      "/media/coupons/.",
      "/media/coupons/" + name.substr(0, name.size() - 1),
      "/media/coupons",
      "/media/",
      upper_url,
  };
  const std::string key_hex = token_key_hex(server);
  for (const auto& path : paths) {
    const auto result = get(path, {});
    EXPECT_EQ(result.status, 404u) << path << ": " << result.body.substr(0, 200);
    EXPECT_EQ(result.body.find("root:"), std::string::npos) << path;
    if (!key_hex.empty()) {
      EXPECT_EQ(result.body.find(key_hex), std::string::npos) << path << " serves the token key";
    }
    EXPECT_EQ(result.body.find("\"msg\""), std::string::npos) << path << " serves the server log";
  }
  // Raw bytes on the wire, in case a client library tidied a path up.
  for (const std::string& raw_path : {std::string("/media/../etc/passwd"), std::string("/media/coupons/../../server.log"),
                                      std::string("/media/./coupons/") + name}) {
    const std::string answer = client.raw("GET " + raw_path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_FALSE(answer.starts_with("HTTP/1.1 200") && raw_path.find("..") != std::string::npos) << raw_path << ":\n"
                                                                                                 << answer.substr(0, 300);
    EXPECT_FALSE(answer.starts_with("HTTP/1.1 5")) << raw_path << ":\n" << answer.substr(0, 300);
    EXPECT_EQ(answer.find("root:"), std::string::npos) << raw_path;
  }
  // The real URL still works.
  expect_served(url, png, "image/png", "after the probes");
}

}  // namespace
}  // namespace hc::test
