// A second, key-only pass over a request body: Boost.JSON keeps one of two equal keys silently, and a body
// whose meaning depends on which parser reads it is refused instead.
#include "net/json_body.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <limits>

namespace hc::net {
namespace {

using boost::json::string_view;
using boost::system::error_code;

class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_object_begin(error_code&) {
    objects_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    objects_.pop_back();
    return true;
  }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_key_part(string_view part, std::size_t, error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(string_view part, std::size_t, error_code& ec) {
    key_.append(part.data(), part.size());
    auto& keys = objects_.back();
    if (std::find(keys.begin(), keys.end(), key_) != keys.end()) {
      duplicate_ = key_;
      ec = boost::json::error::syntax;  // stops the parse
      return false;
    }
    keys.push_back(std::move(key_));
    key_.clear();
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

  std::optional<std::string> duplicate_;

 private:
  std::vector<std::vector<std::string>> objects_;
  std::string key_;
};

}  // namespace

std::optional<std::string> find_duplicate_key(std::string_view json) {
  boost::json::basic_parser<DuplicateKeyFinder> parser{boost::json::parse_options{}};
  error_code ec;
  parser.write_some(false, json.data(), json.size(), ec);
  return parser.handler().duplicate_;
}

}  // namespace hc::net
