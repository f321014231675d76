#include "net/response_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace hc::net {
namespace {

// What Beast's own serializer puts on the wire for the same answer.
std::string as_beast_writes(const Response& response) {
  std::ostringstream out;
  out << response;
  return out.str();
}

std::string as_we_write(const Response& response) {
  std::string head;
  compose_head(response, head);
  return head + response.body();
}

Response answer(http::status status, std::string body) {
  Response response{status, 11};
  response.set(http::field::content_type, "application/json; charset=utf-8");
  response.set("X-Request-Id", "01ABC");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

TEST(ResponseWriter, PutsAnAnswerOnTheWireAsBeastDoes) {
  const Response ok = answer(http::status::ok, R"({"status":"ok"})");
  EXPECT_EQ(as_we_write(ok), as_beast_writes(ok));
  EXPECT_EQ(as_we_write(ok).substr(0, 17), "HTTP/1.1 200 OK\r\n");
}

TEST(ResponseWriter, KeepsTheFieldsOrderRepeatsAndConnectionClose) {
  Response response = answer(http::status::too_many_requests, R"({"error":{}})");
  response.insert(http::field::vary, "Origin");
  response.insert(http::field::vary, "Accept-Encoding");
  response.keep_alive(false);
  EXPECT_EQ(as_we_write(response), as_beast_writes(response));
  EXPECT_NE(as_we_write(response).find("Connection: close\r\n"), std::string::npos);
}

TEST(ResponseWriter, WritesAHeadAnswerWithItsLengthAndNoBody) {
  Response response = answer(http::status::ok, "");
  response.content_length(15);  // what the dispatcher does for HEAD
  EXPECT_EQ(as_we_write(response), as_beast_writes(response));
  EXPECT_TRUE(as_we_write(response).ends_with("Content-Length: 15\r\n\r\n"));
}

TEST(ResponseWriter, WritesHttp10AndACustomReason) {
  Response response = answer(http::status::service_unavailable, "busy");
  response.version(10);
  response.reason("Busy Now");
  EXPECT_EQ(as_we_write(response), as_beast_writes(response));
  EXPECT_EQ(as_we_write(response).substr(0, 22), "HTTP/1.0 503 Busy Now\r");
}

TEST(ResponseWriter, WritesAnUnknownStatusCode) {
  Response response = answer(http::status::ok, "");
  response.result(599);
  EXPECT_EQ(as_we_write(response), as_beast_writes(response));
}

}  // namespace
}  // namespace hc::net
