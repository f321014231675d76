#pragma once
// Relevance order is frozen when a search's first page is computed, so that later pages neither repeat nor
// skip a coupon while new coupons change the scores. The frozen orders live here, bounded in count and age.
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hc::coupons {

class RelevanceSnapshots {
 public:
  RelevanceSnapshots(std::size_t max_snapshots, std::chrono::seconds max_age)
      : max_snapshots_(max_snapshots), max_age_(max_age) {}

  //! Keeps a ranked list of coupon ids; returns the token that finds it again.
  std::string put(std::vector<std::string> ids, std::chrono::steady_clock::time_point now);
  //! The ranked list of a token, unless it has expired or been evicted.
  std::optional<std::vector<std::string>> get(const std::string& token, std::chrono::steady_clock::time_point now);

 private:
  struct Entry {
    std::string token;
    std::chrono::steady_clock::time_point created;
    std::vector<std::string> ids;
  };

  std::size_t max_snapshots_;
  std::chrono::seconds max_age_;
  std::mutex mutex_;
  std::list<Entry> entries_;  // oldest first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace hc::coupons
