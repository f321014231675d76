#pragma once
// Where uploaded files (coupon images, hotel logos) live. The embedded default is a folder; an S3 store will
// sit behind the same interface, so callers only ever see keys, bytes and a content type.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/storage_full.hpp"

namespace hc::objects {

struct StoredObject {
  std::string content_type;
  std::string bytes;
};

//! A store that could not do what was asked (unreachable, timed out, refused); says which call and why.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! The store's disk is full: the object was not written, and can be once space returns.
class StoreFull final : public StoreError, public StorageFull {
 public:
  using StoreError::StoreError;
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  //! Stores bytes under key (replacing any object with that key); durable when it returns.
  virtual void put(std::string_view key, std::string_view bytes, std::string_view content_type) = 0;

  //! The object, or nullopt when there is none.
  virtual std::optional<StoredObject> get(std::string_view key) = 0;

  //! Removes the object if it exists.
  virtual void remove(std::string_view key) = 0;

  //! Throws std::runtime_error with a clear reason when the store cannot be used (for /readyz).
  virtual void check() = 0;
};

inline constexpr std::size_t kMaxKeyLength = 200;

//! True for keys this system makes: 1-200 chars of [a-z0-9._/-] in non-empty '/'-separated segments (so no
//! leading or trailing '/', no "//"), no segment ".", and no ".." anywhere.
bool is_valid_key(std::string_view key);

//! A new random key "<prefix>/<26-char id>.<extension>" (prefix like "coupons" or "logos").
std::string new_key(std::string_view prefix, std::string_view extension);

}  // namespace hc::objects
