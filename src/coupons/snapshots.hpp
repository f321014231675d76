#pragma once
// The order of a search with words is frozen when its first page is computed, so that later pages neither repeat
// nor skip a coupon while new coupons change the scores. The frozen orders live here, bounded in count and age.
//
// Ranking is the expensive part of a search, and travellers ask the same questions over and over, so a first page
// also reuses the frozen order of the same question if it was ranked moments ago (`fresh_for`) and no coupon has
// changed on this node since. The page's coupons are still read fresh from the database, so a coupon paused or
// sold since is shown as it is now; only a coupon published in the last moments on another node may be missing.
// Once that order is no longer fresh, one caller ranks the question again while the others go on with it (for up
// to another `fresh_for`): a popular question is then ranked once per period, not by every caller who asks while
// it is being ranked.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hc::coupons {

//! Coupon ids in ranked order, shared by every snapshot and page that uses them.
using Ranking = std::shared_ptr<const std::vector<std::string>>;

class RelevanceSnapshots {
 public:
  //! At most `max_snapshots`, holding at most `max_ids` ids between them, each kept for `max_age` unless newer ones
  //! need its room (a traveller paging through an evicted one is ranked afresh); a question's newest is reused for
  //! `fresh_for`.
  RelevanceSnapshots(std::size_t max_snapshots, std::chrono::seconds max_age,
                     std::chrono::milliseconds fresh_for = std::chrono::milliseconds(0),
                     std::size_t max_ids = 1'000'000)
      : max_snapshots_(max_snapshots), max_ids_(max_ids), max_age_(max_age), fresh_for_(fresh_for) {}

  struct Found {
    std::string token;
    Ranking ids;
  };

  //! Where the coupons stand now: read it before ranking, and give it to put().
  [[nodiscard]] std::uint64_t generation();
  //! Keeps the ranking of a question (`question` names it: its words and filters), read from the database when
  //! generation() was `ranked_at`; returns the token that finds it. A coupon that changed while it was being ranked
  //! keeps it from being reused by recent().
  std::string put(const std::string& question, Ranking ids, std::chrono::steady_clock::time_point now,
                  std::uint64_t ranked_at);
  //! The ranking of a token, unless it has expired or been evicted.
  Ranking get(const std::string& token, std::chrono::steady_clock::time_point now);
  //! The newest snapshot of the question, if no coupon changed since it was taken and it is fresh, or no older than
  //! twice the freshness while another caller ranks the question again. nullopt tells the caller to rank it (and
  //! put() the result); until it does, the others get the older snapshot.
  std::optional<Found> recent(const std::string& question, std::chrono::steady_clock::time_point now);
  //! A coupon or its hotel changed: no snapshot taken before is fresh any more (paging through them goes on).
  void coupons_changed();

 private:
  struct Entry {
    std::string token;
    std::string question;
    std::chrono::steady_clock::time_point created;
    std::uint64_t generation = 0;
    Ranking ids;
    bool ranked_again = false;  // a caller was told to rank the question again
  };
  using Entries = std::list<Entry>;

  std::size_t max_snapshots_;
  std::size_t max_ids_;
  std::chrono::seconds max_age_;
  std::chrono::milliseconds fresh_for_;
  std::mutex mutex_;
  std::uint64_t generation_ = 0;  // counts coupons_changed()
  std::size_t held_ids_ = 0;
  Entries entries_;  // oldest first
  std::unordered_map<std::string, Entries::iterator> by_token_;
  std::unordered_map<std::string, Entries::iterator> newest_by_question_;
};

}  // namespace hc::coupons
