#include "net/json_body.hpp"

#include "core/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include <algorithm>

namespace hc::net {

Result<boost::json::object, Error> parse_json_object(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    Error error = make_error(Errc::malformed_json);
    error.message = "The request body is not valid JSON (" + ec.message() + ")";
    return Failure{std::move(error)};
  }
  if (!value.is_object()) {
    Error error = make_error(Errc::malformed_json);
    error.message = "The request body must be a JSON object";
    return Failure{std::move(error)};
  }
  if (auto duplicate = find_duplicate_key(body)) {
    Error error = make_error(Errc::malformed_json);
    error.message = duplicate->size() <= 64 && !has_control_characters(*duplicate)
                        ? "The request body has the key \"" + *duplicate + "\" twice in one object"
                        : "The request body has a key twice in one object";
    return Failure{std::move(error)};
  }
  return std::move(value.as_object());
}

FieldReader::FieldReader(const boost::json::object& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

const boost::json::value* FieldReader::take(std::string_view name) {
  seen_.emplace_back(name);
  const boost::json::value* value = object_.if_contains(name);
  return (value == nullptr || value->is_null()) ? nullptr : value;
}

void FieldReader::add_issue(std::string_view name, std::string message) {
  issues_.push_back(FieldIssue{full_name(name), std::move(message)});
}

std::string FieldReader::required_string(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) {
    add_issue(name, "is required");
    return {};
  }
  if (!value->is_string()) {
    add_issue(name, "must be a string");
    return {};
  }
  return std::string(value->get_string());
}

std::optional<std::string> FieldReader::optional_string(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    add_issue(name, "must be a string");
    return std::nullopt;
  }
  return std::string(value->get_string());
}

std::optional<std::int64_t> FieldReader::required_int(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) {
    add_issue(name, "is required");
    return std::nullopt;
  }
  return to_int(name, *value);
}

const boost::json::value* FieldReader::field(std::string_view name) {
  const boost::json::value* value = object_.if_contains(name);
  if (value != nullptr) seen_.emplace_back(name);
  return value;
}

bool FieldReader::is_null(std::string_view name) {
  const boost::json::value* value = field(name);
  return value != nullptr && value->is_null();
}

std::optional<std::int64_t> FieldReader::optional_int(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) return std::nullopt;
  return to_int(name, *value);
}

std::optional<std::int64_t> FieldReader::to_int(std::string_view name, const boost::json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  add_issue(name, "must be an integer");
  return std::nullopt;
}

const boost::json::object* FieldReader::optional_object(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    add_issue(name, "must be an object");
    return nullptr;
  }
  return &value->get_object();
}

std::vector<FieldIssue> FieldReader::finish() {
  for (const auto& member : object_) {
    if (std::find(seen_.begin(), seen_.end(), member.key()) == seen_.end()) {
      issues_.push_back(FieldIssue{full_name(member.key()), "is not a known field"});
    }
  }
  return std::move(issues_);
}

}  // namespace hc::net
