#include "core/log.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace hc {
namespace {

// What a logger writes to stdout for one info line, parsed back.
boost::json::object logged(const Logger& log, std::string_view msg, LogFields fields) {
  testing::internal::CaptureStdout();
  log.write(LogLevel::info, msg, fields);
  log.flush();
  const std::string line = testing::internal::GetCapturedStdout();
  return boost::json::parse(line).as_object();
}

TEST(Log, EveryCharacterOfAFieldReadsBackFromTheJsonLine) {
  std::string text;
  for (int c = 1; c < 0x80; ++c) text += static_cast<char>(c);
  text += "\xc3\xa9 \xe2\x82\xac \"quoted\" back\\slash";
  const Logger log = Logger::to_stdout(LogLevel::info);
  const boost::json::object line = logged(log, "a \"message\"\n", {{"text", std::string_view(text)}});
  EXPECT_EQ(line.at("msg").as_string(), "a \"message\"\n");
  EXPECT_EQ(line.at("text").as_string(), text);
}

TEST(Log, NumbersAreJsonNumbersThatReadBackExactly) {
  const Logger log = Logger::to_stdout(LogLevel::info);
  const boost::json::object line = logged(log, "request",
                                          {{"duration_ms", 0.125},
                                           {"tiny", 1e-7},
                                           {"bytes", std::uint64_t{42}},
                                           {"delta", std::int64_t{-3}},
                                           {"ok", true}});
  EXPECT_EQ(line.at("duration_ms").as_double(), 0.125);
  EXPECT_EQ(line.at("tiny").as_double(), 1e-7);
  EXPECT_EQ(line.at("bytes").to_number<std::uint64_t>(), 42U);
  EXPECT_EQ(line.at("delta").to_number<std::int64_t>(), -3);
  EXPECT_TRUE(line.at("ok").as_bool());
}

TEST(Log, ANumberJsonCannotHoldIsWrittenAsNull) {
  const Logger log = Logger::to_stdout(LogLevel::info);
  const boost::json::object line = logged(log, "odd", {{"nan", std::nan("")}, {"inf", std::numeric_limits<double>::infinity()}});
  EXPECT_TRUE(line.at("nan").is_null());
  EXPECT_TRUE(line.at("inf").is_null());
}

}  // namespace
}  // namespace hc
