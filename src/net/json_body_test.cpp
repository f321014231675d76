#include "net/json_body.hpp"

#include <gtest/gtest.h>

namespace hc::net {
namespace {

std::vector<std::string> fields_of(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> fields;
  for (const auto& issue : issues) fields.push_back(issue.field);
  return fields;
}

TEST(JsonBody, AcceptsAnObject) {
  auto object = parse_json_object(R"({"email":"a@b.c","n":1})");
  ASSERT_TRUE(object.ok());
  EXPECT_EQ(object->size(), 2u);
}

TEST(JsonBody, RefusesWhatIsNotOneGoodObject) {
  for (const char* body : {"", "[]", "\"x\"", "{", R"({"a":1,})", "{\"a\":\"\xff\"}", R"({"a":1} {"b":2})"}) {
    auto object = parse_json_object(body);
    ASSERT_FALSE(object.ok()) << body;
    EXPECT_EQ(object.error().code, Errc::malformed_json) << body;
  }
}

TEST(JsonBody, RefusesDeepNesting) {
  std::string deep(100, '[');
  deep = "{\"a\":" + deep + std::string(100, ']') + "}";
  EXPECT_FALSE(parse_json_object(deep).ok());
}

TEST(JsonBody, RefusesDuplicateKeysAtAnyDepth) {
  EXPECT_FALSE(parse_json_object(R"({"role":"user","role":"hotelier"})").ok());
  EXPECT_FALSE(parse_json_object(R"({"hotel":{"name":"a","name":"b"}})").ok());
  EXPECT_TRUE(parse_json_object(R"({"a":{"x":1},"b":{"x":1}})").ok());
  EXPECT_EQ(find_duplicate_key(R"({"a":[{"k":1,"k":2}]})"), "k");
}

TEST(JsonBody, FieldReaderNamesEveryProblem) {
  auto object = parse_json_object(R"({"email":5,"extra":true,"hotel":{"city":"x","id":"y"}})");
  ASSERT_TRUE(object.ok());
  FieldReader reader(*object);
  reader.required_string("email");
  reader.required_string("password");
  const boost::json::object* hotel = reader.optional_object("hotel");
  ASSERT_NE(hotel, nullptr);
  FieldReader nested(*hotel, "hotel.");
  EXPECT_EQ(nested.required_string("city"), "x");
  EXPECT_EQ(fields_of(nested.finish()), (std::vector<std::string>{"hotel.id"}));
  EXPECT_EQ(fields_of(reader.finish()), (std::vector<std::string>{"email", "password", "extra"}));
}

TEST(JsonBody, NullCountsAsAbsent) {
  auto object = parse_json_object(R"({"description":null,"quantity":7})");
  ASSERT_TRUE(object.ok());
  FieldReader reader(*object);
  EXPECT_EQ(reader.optional_string("description"), std::nullopt);
  EXPECT_EQ(reader.required_int("quantity"), 7);
  EXPECT_TRUE(reader.finish().empty());
}

}  // namespace
}  // namespace hc::net
