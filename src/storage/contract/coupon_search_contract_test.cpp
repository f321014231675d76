// Search as a traveller uses it, on both engines: the words they type (case, accents, prefixes, hyphens and other
// punctuation), the hotel's name among the words, only active and unexpired coupons, every filter, the keyset
// orders paged with cursors, and relevance (a title match before a hotel-name match before a description match).
// Coupons are stored through the repository, so that each engine writes its own search words.
#include <gtest/gtest.h>

#include <array>
#include <deque>

#include "coupons/search.hpp"
#include "storage/contract/coupon_samples.hpp"
#include "storage_contract.hpp"

namespace hc::test {
namespace {

using coupons::Coupon;
using coupons::CouponStatus;
using coupons::SearchQuery;
using coupons::SearchSort;
using Ids = std::vector<std::string>;

const SysSeconds kNow = at("2026-06-01T00:00:00Z");

class CouponSearchStorage : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    hotel_ = hotel("hotel-1", "Grand Palace", "Dublin");
  }

  // A hotel with its own name and city.
  coupons::HotelRef hotel(const std::string& id, const std::string& name, const std::string& city) {
    add_hotelier("owner-" + id, id);
    exec("UPDATE hotels SET name = " + quote(name) + ", city = " + quote(city) + " WHERE id = " + quote(id));
    return {id, name, city, "Europe/Dublin"};
  }

  Coupon& store(Coupon c) {
    db().coupons().insert(c, {});
    stored_.push_back(std::move(c));
    return stored_.back();
  }

  Coupon& store(std::string id, std::string title, std::string description = "") {
    return store(sample_coupon(std::move(id), hotel_, std::move(title), std::move(description)));
  }

  static SearchQuery query(std::string_view text, SearchSort sort = SearchSort::newest) {
    SearchQuery q;
    q.terms = coupons::split_terms(text);
    q.sort = sort;
    q.now = kNow;
    return q;
  }

  // Words are ranked (in the query's order), the rest paged by keyset: what the service asks of each.
  Ids search(const SearchQuery& q) {
    return q.terms.empty() ? ids_of(db().coupons().search(q)) : db().coupons().rank(q, q.limit);
  }
  Ids search(std::string_view text) { return search(query(text)); }
  Ids ranked(std::string_view text) { return db().coupons().rank(query(text, SearchSort::relevance), 20); }

  coupons::HotelRef hotel_;
  std::deque<Coupon> stored_;
};

TEST_P(CouponSearchStorage, FindsAWordOfTheTitleOrTheDescription) {
  store("c-1", "Spa weekend", "Breakfast included");
  store("c-2", "City break", "Late checkout");
  EXPECT_EQ(search("spa"), Ids{"c-1"});
  EXPECT_EQ(search("breakfast"), Ids{"c-1"});
  EXPECT_EQ(search("checkout"), Ids{"c-2"});
  EXPECT_EQ(search("sauna"), Ids{});
}

TEST_P(CouponSearchStorage, TwoWordsMustBothMatchInAnyField) {
  store("c-1", "Spa weekend", "Breakfast included");
  store("c-2", "Spa day", "Lunch");
  EXPECT_EQ(search("spa breakfast"), Ids{"c-1"});
  EXPECT_EQ(search("breakfast spa"), Ids{"c-1"});
  EXPECT_EQ(search("spa"), (Ids{"c-2", "c-1"}));
  EXPECT_EQ(search("lunch breakfast"), Ids{});
}

TEST_P(CouponSearchStorage, OnlyTheLastWordMatchesAsAPrefix) {
  store("c-1", "Malaga beach days", "Seafront");
  EXPECT_EQ(search("mal"), Ids{"c-1"});
  EXPECT_EQ(search("beach mala"), Ids{"c-1"});
  EXPECT_EQ(search("mal beach"), Ids{}) << "a word before the last must be whole";
  EXPECT_EQ(search("malagas"), Ids{});
}

TEST_P(CouponSearchStorage, CaseAndAccentsAreIgnoredEitherWay) {
  store("c-1", "Malaga beach", "");
  store("c-2", "Córdoba patios", "Ζεστό καλοκαίρι in Αθήνα");
  EXPECT_EQ(search("MÁLAGA"), Ids{"c-1"});
  EXPECT_EQ(search("málaga"), Ids{"c-1"});
  EXPECT_EQ(search("CORDOBA"), Ids{"c-2"});
  EXPECT_EQ(search("córdoba PATIOS"), Ids{"c-2"});
  // Greek capitals fold to small letters on both engines; FTS5 keeps the tonos, so it is typed as written
  // (search_fold drops it on PostgreSQL, which finds "αθηνα" too: see search_words.hpp).
  EXPECT_EQ(search("ΑΘΉΝΑ"), Ids{"c-2"});
  EXPECT_EQ(search("αθήνα"), Ids{"c-2"});
}

TEST_P(CouponSearchStorage, HyphenatedWordsMatchAsTypedOrByTheirParts) {
  store("c-1", "Sea-view suite in Saint-Jean", "");
  EXPECT_EQ(search("sea-view"), Ids{"c-1"});
  EXPECT_EQ(search("view"), Ids{"c-1"});
  EXPECT_EQ(search("saint-jean"), Ids{"c-1"});
  EXPECT_EQ(search("jean"), Ids{"c-1"});
  EXPECT_EQ(search("sea view"), Ids{"c-1"});
}

TEST_P(CouponSearchStorage, PunctuationInsideWordsSplitsThemAsTheTravellerWouldExpect) {
  store("c-1", "St.John's Inn: 2-for-1 nights", "Ask info@spa.example or l'hôtel’s desk");
  EXPECT_EQ(search("john"), Ids{"c-1"});
  EXPECT_EQ(search("st john"), Ids{"c-1"});
  EXPECT_EQ(search("St.John's"), Ids{"c-1"});
  EXPECT_EQ(search("inn"), Ids{"c-1"});
  EXPECT_EQ(search("2-for-1"), Ids{"c-1"});
  EXPECT_EQ(search("nights"), Ids{"c-1"});
  EXPECT_EQ(search("info"), Ids{"c-1"});
  EXPECT_EQ(search("example"), Ids{"c-1"});
  EXPECT_EQ(search("hotel"), Ids{"c-1"});
  EXPECT_EQ(search("desk"), Ids{"c-1"});
}

TEST_P(CouponSearchStorage, DigitsNextToLettersStayOneWord) {
  store("c-1", "Room 101 for 2nights", "");
  EXPECT_EQ(search("101"), Ids{"c-1"});
  EXPECT_EQ(search("2nights"), Ids{"c-1"});
  EXPECT_EQ(search("2n"), Ids{"c-1"});
  EXPECT_EQ(search("nights"), Ids{});
}

TEST_P(CouponSearchStorage, AQueryOfPunctuationAloneFindsNothing) {
  store("c-1", "Spa weekend", "");
  SearchQuery q = query("");
  q.terms = {"€"};
  EXPECT_EQ(search(q), Ids{});
  EXPECT_TRUE(db().coupons().rank(q, 20).empty());
}

TEST_P(CouponSearchStorage, FindsAWordOfTheHotelsName) {
  store("c-1", "Spa weekend", "");
  const auto other = hotel("hotel-2", "Seaside Lodge", "Cork");
  store(sample_coupon("c-2", other, "Spa weekend"));
  EXPECT_EQ(search("palace"), Ids{"c-1"});
  EXPECT_EQ(search("lodge spa"), Ids{"c-2"});
}

TEST_P(CouponSearchStorage, OnlyActiveUnexpiredCouponsAreFound) {
  store("c-active", "Spa weekend");
  Coupon paused = sample_coupon("c-paused", hotel_, "Spa weekend");
  paused.status = CouponStatus::paused;
  store(paused);
  Coupon draft = sample_coupon("c-draft", hotel_, "Spa weekend");
  draft.status = CouponStatus::draft;
  store(draft);
  Coupon expired = sample_coupon("c-expired", hotel_, "Spa weekend");
  expired.valid_until = at("2026-05-31T23:59:59Z");
  store(expired);
  EXPECT_EQ(search("spa"), Ids{"c-active"});
  EXPECT_EQ(search(""), Ids{"c-active"});
  EXPECT_EQ(ranked("spa"), Ids{"c-active"});
}

TEST_P(CouponSearchStorage, EditsChangeWhatIsFound) {
  store("c-1", "Spa weekend");
  store("c-2", "Golf weekend");
  const auto edit = [&](const std::string& id, auto change) {
    ASSERT_TRUE(db().coupons().modify(id, [&](Coupon& c) -> Result<std::vector<notifications::OutboxEvent>, Error> {
      change(c);
      return std::vector<notifications::OutboxEvent>{};
    }));
  };
  edit("c-1", [](Coupon& c) { c.title = "Sauna weekend"; });
  edit("c-2", [](Coupon& c) { c.status = CouponStatus::paused; });
  EXPECT_EQ(search("spa"), Ids{});
  EXPECT_EQ(search("sauna"), Ids{"c-1"});
  EXPECT_EQ(search("golf"), Ids{});
  EXPECT_EQ(search("palace"), Ids{"c-1"}) << "the hotel's name stays among the words";
  edit("c-2", [](Coupon& c) { c.status = CouponStatus::active; });
  EXPECT_EQ(search("golf"), Ids{"c-2"});
  db().coupons().set_image("c-2", "coupons/x.png", kNow);
  EXPECT_EQ(search("golf palace"), Ids{"c-2"});
}

TEST_P(CouponSearchStorage, FiltersByHotelAndByACaseInsensitivePartOfItsName) {
  store("c-1", "Spa weekend");
  const auto other = hotel("hotel-2", "100% Seaside_Lodge", "Cork");
  store(sample_coupon("c-2", other, "Spa weekend"));
  SearchQuery q = query("spa");
  q.hotel_id = "hotel-2";
  EXPECT_EQ(search(q), Ids{"c-2"});
  q = query("");
  q.hotel_name = "PALACE";
  EXPECT_EQ(search(q), Ids{"c-1"});
  q.hotel_name = "rand pal";
  EXPECT_EQ(search(q), Ids{"c-1"});
  q.hotel_name = "0% s";
  EXPECT_EQ(search(q), Ids{"c-2"}) << "% is the character itself";
  q.hotel_name = "e_l";
  EXPECT_EQ(search(q), Ids{"c-2"});
  q.hotel_name = "a_a";
  EXPECT_EQ(search(q), Ids{}) << "_ is the character itself";
}

TEST_P(CouponSearchStorage, HotelNameFilterIgnoresTheCaseOfAsciiLettersOnlyAsSqliteLikeDoes) {
  hotel_ = hotel("hotel-2", "Hôtel Élysée", "Paris");
  store("c-1", "Spa weekend");
  SearchQuery q = query("");
  q.hotel_name = "HôTEL ÉLY";
  EXPECT_EQ(search(q), Ids{"c-1"});
  q.hotel_name = "hôtel élysée";
  EXPECT_EQ(search(q), Ids{}) << "SQLite's LIKE folds ASCII letters only";
}

TEST_P(CouponSearchStorage, FiltersByTheWholeCityFoldingCaseButNotAccents) {
  store("c-1", "Spa weekend");
  const auto malaga = hotel("hotel-2", "Sol", "Málaga");
  store(sample_coupon("c-2", malaga, "Spa weekend"));
  SearchQuery q = query("");
  q.city = "DUBLIN";
  EXPECT_EQ(search(q), Ids{"c-1"});
  q.city = "dub";
  EXPECT_EQ(search(q), Ids{});
  q.city = "MÁLAGA";
  EXPECT_EQ(search(q), Ids{"c-2"});
  q.city = "Malaga";
  EXPECT_EQ(search(q), Ids{}) << "the city filter folds case only (hc_fold)";
}

TEST_P(CouponSearchStorage, FiltersByDiscountRangeAndByTheDayACouponIsValid) {
  Coupon low = sample_coupon("c-low", hotel_, "Spa");
  low.discount_percent = 10;
  store(low);
  Coupon high = sample_coupon("c-high", hotel_, "Spa");
  high.discount_percent = 50;
  high.valid_from_date = *parse_iso_date("2026-07-01");
  high.valid_until_date = *parse_iso_date("2026-07-31");
  store(high);
  SearchQuery q = query("spa");
  q.min_discount = 20;
  EXPECT_EQ(search(q), Ids{"c-high"});
  q.min_discount = std::nullopt;
  q.max_discount = 10;
  EXPECT_EQ(search(q), Ids{"c-low"});
  q.max_discount = std::nullopt;
  q.valid_on = parse_iso_date("2026-07-31");
  EXPECT_EQ(search(q), (Ids{"c-low", "c-high"}));
  q.valid_on = parse_iso_date("2026-08-01");
  EXPECT_EQ(search(q), Ids{"c-low"});
}

// Pages through a search with the keyset cursor the service builds, collecting every id; a search with words is
// ranked whole instead (the service pages through that snapshot).
Ids all_pages(coupons::CouponRepository& repository, SearchQuery q, std::size_t page_size) {
  if (!q.terms.empty()) return repository.rank(q, 1000);
  Ids ids;
  q.limit = page_size;
  for (int page = 0; page < 20; ++page) {
    const auto coupons = repository.search(q);
    for (const auto& c : coupons) ids.push_back(c.id);
    if (coupons.size() < page_size) break;
    const Coupon& last = coupons.back();
    std::string key;
    if (q.sort == SearchSort::discount) key = std::to_string(last.discount_percent);
    if (q.sort == SearchSort::ending_soon) key = to_rfc3339(last.valid_until);
    q.after = Keyset{key, last.id};
  }
  return ids;
}

class CouponSearchPaging : public CouponSearchStorage {
 protected:
  void SetUp() override {
    CouponSearchStorage::SetUp();
    // Discounts and end dates with ties, so that the id decides between equal keys.
    const std::array<int, 6> discounts{30, 10, 30, 50, 10, 30};
    const std::array<const char*, 6> ends{"2027-01-01T00:00:00Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z",
                                          "2028-01-01T00:00:00Z", "2026-12-01T00:00:00Z", "2026-07-01T00:00:00Z"};
    for (std::size_t i = 0; i < discounts.size(); ++i) {
      Coupon c = sample_coupon("c-" + std::to_string(i + 1), hotel_, i == 1 ? "Golf deal" : "Spa deal");
      c.discount_percent = discounts[i];
      c.valid_until = at(ends[i]);
      store(c);
    }
  }
};

TEST_P(CouponSearchPaging, NewestPagesWithoutRepeatingOrSkipping) {
  EXPECT_EQ(all_pages(db().coupons(), query(""), 4), (Ids{"c-6", "c-5", "c-4", "c-3", "c-2", "c-1"}));
  EXPECT_EQ(all_pages(db().coupons(), query("spa"), 2), (Ids{"c-6", "c-5", "c-4", "c-3", "c-1"}));
}

TEST_P(CouponSearchPaging, DiscountPagesHighestFirstThenNewestAmongEqual) {
  EXPECT_EQ(all_pages(db().coupons(), query("", SearchSort::discount), 2),
            (Ids{"c-4", "c-6", "c-3", "c-1", "c-5", "c-2"}));
  EXPECT_EQ(all_pages(db().coupons(), query("deal", SearchSort::discount), 1),
            (Ids{"c-4", "c-6", "c-3", "c-1", "c-5", "c-2"}));
}

TEST_P(CouponSearchPaging, EndingSoonPagesEarliestEndFirstThenOldestIdAmongEqual) {
  EXPECT_EQ(all_pages(db().coupons(), query("", SearchSort::ending_soon), 2),
            (Ids{"c-6", "c-2", "c-5", "c-1", "c-3", "c-4"}));
  EXPECT_EQ(all_pages(db().coupons(), query("spa", SearchSort::ending_soon), 3),
            (Ids{"c-6", "c-5", "c-1", "c-3", "c-4"}));
}

TEST_P(CouponSearchPaging, AMalformedDiscountCursorReadsAsSqliteCastsIt) {
  SearchQuery q = query("", SearchSort::discount);
  q.after = Keyset{"30x", "c-3"};
  EXPECT_EQ(search(q), (Ids{"c-1", "c-5", "c-2"}));
  q.after = Keyset{"not a number", "c-3"};
  EXPECT_EQ(search(q), Ids{});
}

TEST_P(CouponSearchStorage, RelevancePutsATitleMatchBeforeAHotelNameMatchBeforeADescriptionMatch) {
  hotel_ = hotel("hotel-3", "Harbour House", "Dublin");
  store("c-1", "Family rooms", "Close to the palace gardens");
  const auto palace = hotel("hotel-2", "Palace Inn", "Cork");
  store(sample_coupon("c-2", palace, "Family rooms", "Quiet"));
  store("c-3", "Palace gardens tour", "Guided");
  EXPECT_EQ(ranked("palace"), (Ids{"c-3", "c-2", "c-1"}));
  EXPECT_EQ(ranked("PALA"), (Ids{"c-3", "c-2", "c-1"}));
}

TEST_P(CouponSearchStorage, RelevanceBreaksTiesByTheNewestIdAndHonoursTheLimitAndFilters) {
  const auto other = hotel("hotel-2", "Palace", "Cork");
  for (const char* id : {"c-1", "c-2", "c-3"}) store(sample_coupon(id, other, "Spa weekend"));
  EXPECT_EQ(ranked("spa"), (Ids{"c-3", "c-2", "c-1"}));
  SearchQuery q = query("spa", SearchSort::relevance);
  EXPECT_EQ(db().coupons().rank(q, 2), (Ids{"c-3", "c-2"}));
  q.city = "cork";
  q.hotel_id = "hotel-2";
  EXPECT_EQ(db().coupons().rank(q, 20), (Ids{"c-3", "c-2", "c-1"}));
  q.city = "Dublin";
  EXPECT_TRUE(db().coupons().rank(q, 20).empty());
}

TEST_P(CouponSearchStorage, FiltersApplyBeforeTheBoundOnMatchesSoOlderMatchesThatPassAreFound) {
  const auto cork = hotel("hotel-2", "Harbour", "Cork");
  store(sample_coupon("c-cork", cork, "Spa weekend"));
  for (int i = 0; i < coupons::kMaxSearchCandidates; ++i) store("c-dublin-" + std::to_string(i), "Spa weekend");

  EXPECT_EQ(db().coupons().rank(query("spa", SearchSort::relevance), 5000).size(),
            static_cast<std::size_t>(coupons::kMaxSearchCandidates))
      << "without a filter, only the newest matches are considered";
  for (const SearchSort sort : {SearchSort::relevance, SearchSort::discount, SearchSort::newest}) {
    SearchQuery q = query("spa", sort);
    q.city = "Cork";
    const Ids found = sort == SearchSort::relevance ? db().coupons().rank(q, 20) : search(q);
    EXPECT_EQ(found, Ids{"c-cork"}) << "sort " << static_cast<int>(sort);
  }
}

HC_STORAGE_CONTRACT(CouponSearchStorage);
HC_STORAGE_CONTRACT(CouponSearchPaging);

}  // namespace
}  // namespace hc::test
