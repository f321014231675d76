#include "core/log.hpp"

#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <array>
#include <charconv>
#include <cmath>

namespace hc {
namespace {

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::debug: return spdlog::level::debug;
    case LogLevel::info: return spdlog::level::info;
    case LogLevel::warn: return spdlog::level::warn;
    case LogLevel::error: return spdlog::level::err;
    case LogLevel::off: return spdlog::level::off;
  }
  return spdlog::level::info;
}

// A JSON string as Boost.JSON writes one (quotes, backslashes and control characters escaped, other bytes as they
// are), written straight into the line: a log line is written per request, and this was two allocations a field.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr std::string_view kNamed = "\b\f\n\r\t";  // written as \b \f \n \r \t
  static constexpr std::string_view kLetters = "bfnrt";
  static constexpr std::string_view kHex = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte >= 0x20) {
      out += c;
    } else if (const auto named = kNamed.find(c); named != std::string_view::npos) {
      out += '\\';
      out += kLetters[named];
    } else {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  out += '"';
}

// The shortest text that reads back as the same double; null for what JSON has no number for.
void append_double(std::string& out, double value) {
  std::array<char, 32> text{};
  const auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), value);
  if (!std::isfinite(value) || error != std::errc{}) {
    out += "null";
    return;
  }
  out.append(text.data(), end);
}

void append_value(std::string& out, const LogValue& value) {
  std::visit(
      [&out](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string_view>) {
          append_json_string(out, v);
        } else if constexpr (std::is_same_v<V, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<V, double>) {
          append_double(out, v);
        } else {
          out += std::to_string(v);
        }
      },
      value);
}

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view text) {
  if (text == "debug") return LogLevel::debug;
  if (text == "info") return LogLevel::info;
  if (text == "warn") return LogLevel::warn;
  if (text == "error") return LogLevel::error;
  if (text == "off") return LogLevel::off;
  return std::nullopt;
}

Logger Logger::to_stdout(LogLevel level) {
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("hotelcoupon", std::move(sink));
  // spdlog owns the time stamp and level; the message part is already JSON members.
  logger->set_formatter(std::make_unique<spdlog::pattern_formatter>(
      R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc));
  logger->set_level(to_spdlog(level));
  logger->flush_on(spdlog::level::info);
  return Logger(std::move(logger));
}

Logger Logger::null() {
  auto logger = std::make_shared<spdlog::logger>("null", std::make_shared<spdlog::sinks::null_sink_mt>());
  logger->set_level(spdlog::level::off);
  return Logger(std::move(logger));
}

bool Logger::enabled(LogLevel level) const { return impl_->should_log(to_spdlog(level)); }

void Logger::write(LogLevel level, std::string_view msg, LogFields fields) const {
  if (!enabled(level)) return;
  std::string line = "\"msg\":";
  append_json_string(line, msg);
  for (const auto& [key, value] : fields) {
    line += ',';
    append_json_string(line, key);
    line += ':';
    append_value(line, value);
  }
  impl_->log(to_spdlog(level), std::string_view(line));
}

void Logger::flush() const { impl_->flush(); }

}  // namespace hc
