#pragma once
// Structured JSON-lines logging. Each line is one JSON object: ts, level, msg and the given fields.
// Never pass secrets (passwords, tokens, full coupon codes) as fields.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace spdlog {
class logger;
}

namespace hc {

using LogValue = std::variant<std::string_view, std::int64_t, std::uint64_t, double, bool>;
using LogField = std::pair<std::string_view, LogValue>;
using LogFields = std::initializer_list<LogField>;

enum class LogLevel { debug, info, warn, error, off };

//! Parses "debug", "info", "warn", "error" or "off".
std::optional<LogLevel> parse_log_level(std::string_view text);

class Logger {
 public:
  //! A logger writing JSON lines to standard output at the given level.
  static Logger to_stdout(LogLevel level);
  //! A logger that drops everything (unit tests).
  static Logger null();

  void debug(std::string_view msg, LogFields fields = {}) const { write(LogLevel::debug, msg, fields); }
  void info(std::string_view msg, LogFields fields = {}) const { write(LogLevel::info, msg, fields); }
  void warn(std::string_view msg, LogFields fields = {}) const { write(LogLevel::warn, msg, fields); }
  void error(std::string_view msg, LogFields fields = {}) const { write(LogLevel::error, msg, fields); }
  //! Writes one line if the level is enabled.
  void write(LogLevel level, std::string_view msg, LogFields fields) const;
  //! True when lines of this level are written (to skip building costly fields).
  [[nodiscard]] bool enabled(LogLevel level) const;
  //! Flushes buffered lines.
  void flush() const;

 private:
  explicit Logger(std::shared_ptr<spdlog::logger> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<spdlog::logger> impl_;
};

}  // namespace hc
