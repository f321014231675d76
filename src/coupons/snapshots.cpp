#include "coupons/snapshots.hpp"

#include "core/random.hpp"

namespace hc::coupons {

std::uint64_t RelevanceSnapshots::generation() {
  const std::lock_guard lock(mutex_);
  return generation_;
}

std::string RelevanceSnapshots::put(const std::string& question, Ranking ids, std::chrono::steady_clock::time_point now,
                                    std::uint64_t ranked_at) {
  std::string token = random_token(12);
  const std::lock_guard lock(mutex_);
  const std::size_t size = ids ? ids->size() : 0;
  // Entries are in creation order, so the oldest (or the expired) are always at the front.
  while (!entries_.empty() && (entries_.size() >= max_snapshots_ || held_ids_ + size > max_ids_ ||
                               now - entries_.front().created > max_age_)) {
    const Entry& oldest = entries_.front();
    held_ids_ -= oldest.ids ? oldest.ids->size() : 0;
    by_token_.erase(oldest.token);
    const auto newest = newest_by_question_.find(oldest.question);
    if (newest != newest_by_question_.end() && newest->second == entries_.begin()) newest_by_question_.erase(newest);
    entries_.pop_front();
  }
  held_ids_ += size;
  entries_.push_back(Entry{token, question, now, ranked_at, std::move(ids)});
  by_token_[token] = std::prev(entries_.end());
  newest_by_question_[question] = std::prev(entries_.end());
  return token;
}

Ranking RelevanceSnapshots::get(const std::string& token, std::chrono::steady_clock::time_point now) {
  const std::lock_guard lock(mutex_);
  const auto it = by_token_.find(token);
  if (it == by_token_.end() || now - it->second->created > max_age_) return nullptr;
  return it->second->ids;
}

std::optional<RelevanceSnapshots::Found> RelevanceSnapshots::recent(const std::string& question,
                                                                    std::chrono::steady_clock::time_point now) {
  const std::lock_guard lock(mutex_);
  const auto it = newest_by_question_.find(question);
  if (it == newest_by_question_.end()) return std::nullopt;
  Entry& entry = *it->second;
  const auto age = now - entry.created;
  if (entry.generation != generation_ || age > 2 * fresh_for_) return std::nullopt;
  if (age <= fresh_for_) return Found{entry.token, entry.ids};
  // No longer fresh: the first caller to see it ranks again, the others go on with it meanwhile (if that ranking
  // never comes, everyone ranks once it is twice the freshness old).
  if (!entry.ranked_again) {
    entry.ranked_again = true;
    return std::nullopt;
  }
  return Found{entry.token, entry.ids};
}

void RelevanceSnapshots::coupons_changed() {
  const std::lock_guard lock(mutex_);
  ++generation_;
}

}  // namespace hc::coupons
