#include "core/random.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "core/encoding.hpp"

namespace hc {
namespace {

constexpr std::string_view kCrockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kIdLength = 26;
constexpr std::size_t kTimeChars = 10;  // 50 bits: the 48-bit timestamp plus two leading zero bits
constexpr unsigned kBitsPerChar = 5;
constexpr std::uint64_t kCharMask = 0x1F;
constexpr std::uint64_t kTimestampMask = (std::uint64_t{1} << 48U) - 1U;

std::uint64_t unix_millis() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
  return static_cast<std::uint64_t>(millis) & kTimestampMask;
}

void append_timestamp(std::string& out, std::uint64_t millis) {
  for (std::size_t i = 0; i < kTimeChars; ++i) {
    const auto shift = static_cast<unsigned>(kTimeChars - 1 - i) * kBitsPerChar;
    out.push_back(kCrockfordAlphabet[static_cast<std::size_t>((millis >> shift) & kCharMask)]);
  }
}

// Random bytes for ids from libsodium, fetched a few kilobytes at a time per thread: every request gets an id, and
// asking the kernel for each one's bytes cost a tenth of the server's time on a small request.
class IdRandomness {
 public:
  unsigned char next() {
    if (used_ == buffer_.size()) {
      randombytes_buf(buffer_.data(), buffer_.size());
      used_ = 0;
    }
    return buffer_[used_++];
  }

 private:
  std::array<unsigned char, 4096> buffer_{};
  std::size_t used_ = buffer_.size();
};

void append_randomness(std::string& out) {
  thread_local IdRandomness randomness;
  // 16 independent characters of 5 bits each are exactly the 80 random bits a ULID carries; the low 5 bits of a
  // uniform byte are uniform.
  for (std::size_t i = kTimeChars; i < kIdLength; ++i) {
    out.push_back(kCrockfordAlphabet[static_cast<std::size_t>(randomness.next() & kCharMask)]);
  }
}

}  // namespace

void ensure_sodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) {
    throw std::runtime_error("libsodium could not be initialised");
  }
}

std::vector<unsigned char> random_bytes(std::size_t n) {
  ensure_sodium();
  std::vector<unsigned char> bytes(n);
  if (n > 0) {
    randombytes_buf(bytes.data(), n);
  }
  return bytes;
}

std::string random_token(std::size_t bytes) {
  return base64url_encode(random_bytes(bytes));
}

std::string new_id() {
  ensure_sodium();
  std::string id;
  id.reserve(kIdLength);
  append_timestamp(id, unix_millis());
  append_randomness(id);
  return id;
}

bool is_valid_id(std::string_view id) {
  if (id.size() != kIdLength || id.front() > '7') {
    return false;
  }
  return id.find_first_not_of(kCrockfordAlphabet) == std::string_view::npos;
}

}  // namespace hc
