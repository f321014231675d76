#include "search_queries.hpp"

#include "dataset.hpp"

#include "core/timezone.hpp"

#include <chrono>
#include <vector>

namespace hc::bench {
namespace {

std::string in_ten_days() {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(10);
  return to_iso_date(LocalDate{day});
}

}  // namespace

std::string search_query(std::uint64_t n) {
  static const std::vector<std::string> mix{
      "q=breakfast",
      "q=weekend%20room",
      "q=spa",
      "q=brea",
      "q=spa%20wel",
      "q=honey",
      "q=RARE",
      "q=fjord",
      "q=aurora%20glacier",
      "q=breakfast&city=Paris",
      "q=spa&min_discount=40",
      "city=Rome&sort=discount",
      "q=weekend&valid_on=" + in_ten_days(),
      "hotel=Hotel%20Lisbon&sort=ending_soon",
      "q=dinner&max_discount=20&sort=discount",
      "q=RARE&city=Dublin",
  };
  std::string text = mix[n % mix.size()];
  if (const auto at = text.find("RARE"); at != std::string::npos) {
    text.replace(at, 4, rare_word(static_cast<int>((n * 7919) % kRareWords)));
  }
  return "/api/v1/coupons?" + text;
}

}  // namespace hc::bench
