#include "objects/object_store.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/random.hpp"
#include "core/text.hpp"

namespace hc::objects {
namespace {

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' || c == '-';
}

// Segments map one to one onto folders and files of a file store: none may be empty or name the folder itself.
bool segments_ok(std::string_view key) {
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = key.find('/', start);
    const std::string_view segment = key.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (segment.empty() || segment == ".") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  if (!std::all_of(key.begin(), key.end(), is_key_char)) return false;
  return key.find("..") == std::string_view::npos && segments_ok(key);
}

std::string new_key(std::string_view prefix, std::string_view extension) {
  std::string key(prefix);
  key += '/';
  key += ascii_lower(new_id());
  key += '.';
  key += extension;
  if (!is_valid_key(key)) throw std::invalid_argument("object key prefix or extension is not valid");
  return key;
}

}  // namespace hc::objects
