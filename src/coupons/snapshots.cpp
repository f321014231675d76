#include "coupons/snapshots.hpp"

#include "core/random.hpp"

namespace hc::coupons {

std::string RelevanceSnapshots::put(std::vector<std::string> ids, std::chrono::steady_clock::time_point now) {
  std::string token = random_token(12);
  const std::lock_guard lock(mutex_);
  // Entries are in creation order, so the oldest (or the expired) are always at the front.
  while (!entries_.empty() && (entries_.size() >= max_snapshots_ || now - entries_.front().created > max_age_)) {
    index_.erase(entries_.front().token);
    entries_.pop_front();
  }
  entries_.push_back(Entry{token, now, std::move(ids)});
  index_[token] = std::prev(entries_.end());
  return token;
}

std::optional<std::vector<std::string>> RelevanceSnapshots::get(const std::string& token,
                                                                std::chrono::steady_clock::time_point now) {
  const std::lock_guard lock(mutex_);
  const auto it = index_.find(token);
  if (it == index_.end() || now - it->second->created > max_age_) return std::nullopt;
  return it->second->ids;
}

}  // namespace hc::coupons
