// What a person types at the desk, through the coupon-code parser (redemptions/code.hpp). An accepted code comes
// out in its canonical form, which reads back as itself.
#include "redemptions/code.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view typed(reinterpret_cast<const char*>(data), size);
  const auto code = hc::redemptions::parse_code(typed);
  if (!code) return 0;
  if (size > 64 || code->size() != 14 || (*code)[4] != '-' || (*code)[9] != '-') std::abort();
  if (hc::redemptions::parse_code(*code) != code) std::abort();
  return 0;
}
