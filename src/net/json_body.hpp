#pragma once
// Strict decoding of JSON request bodies: an object, known fields only, each bad field named.
#include "core/error.hpp"
#include "core/result.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc::net {

//! Parses a request body that must be one JSON object (UTF-8, at most 32 levels deep).
Result<boost::json::object, Error> parse_json_object(std::string_view body);

//! The first key that appears twice in one object of a (valid) JSON text, if any.
std::optional<std::string> find_duplicate_key(std::string_view json);

//! Reads the fields of a JSON object, collecting every problem so the client learns them all at once.
//! Usage: read the fields, then call finish(); fields never read count as unknown.
class FieldReader {
 public:
  //! Reads an object; `prefix` names nested objects in messages ("hotel.").
  explicit FieldReader(const boost::json::object& object, std::string prefix = {});

  //! A required string; an absent, null or non-string value is an issue.
  std::string required_string(std::string_view name);
  //! An optional string; null counts as absent.
  std::optional<std::string> optional_string(std::string_view name);
  //! A required integer.
  std::optional<std::int64_t> required_int(std::string_view name);
  //! An optional integer; null counts as absent.
  std::optional<std::int64_t> optional_int(std::string_view name);
  //! True when the field is present with the value null (to clear what it sets).
  bool is_null(std::string_view name);
  //! The field's value as it is (null included), or nullptr when absent; the caller checks its shape.
  const boost::json::value* field(std::string_view name);
  //! An optional nested object (reads it with its own FieldReader).
  const boost::json::object* optional_object(std::string_view name);

  //! Adds an issue found by a rule beyond the type (length, format...).
  void add_issue(std::string_view name, std::string message);
  //! The issues so far plus one per unknown field; empty means the body was good.
  std::vector<FieldIssue> finish();
  //! The full name of a field ("hotel.city").
  [[nodiscard]] std::string full_name(std::string_view name) const { return prefix_ + std::string(name); }

 private:
  const boost::json::value* take(std::string_view name);
  std::optional<std::int64_t> to_int(std::string_view name, const boost::json::value& value);

  const boost::json::object& object_;
  std::string prefix_;
  std::vector<std::string> seen_;
  std::vector<FieldIssue> issues_;
};

}  // namespace hc::net
