#include "dataset.hpp"

#include "core/random.hpp"
#include "core/timezone.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <random>
#include <thread>

namespace hc::bench {
namespace {

SysSeconds now_seconds() { return to_seconds(Clock::now()); }

// A Zipf-like draw: word i comes with weight 1/(i+1), so the first words are in many coupons and the last in few.
class WordDraw {
 public:
  explicit WordDraw(std::uint32_t seed) : rng_(seed) {
    std::vector<double> weights;
    for (std::size_t i = 0; i < coupon_words().size(); ++i) weights.push_back(1.0 / static_cast<double>(i + 1));
    pick_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
  }
  std::string words(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
      if (!text.empty()) text += ' ';
      text += coupon_words()[pick_(rng_)];
    }
    return text;
  }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }

 private:
  std::mt19937 rng_;
  std::discrete_distribution<std::size_t> pick_;
};

coupons::Coupon make_coupon(const GeneratedHotel& hotel, std::string title, std::string description, int discount,
                            std::optional<std::int64_t> quantity, coupons::CouponStatus status, int days_valid) {
  const SysSeconds now = now_seconds();
  coupons::Coupon coupon;
  coupon.id = new_id();
  coupon.hotel = {hotel.hotel_id, hotel.name, hotel.city, std::string(kGeneratedZone)};
  coupon.title = std::move(title);
  coupon.description = std::move(description);
  coupon.terms = "Subject to availability. One per guest.";
  coupon.discount_percent = discount;
  coupon.quantity = quantity;
  coupon.valid_from = now - std::chrono::days(30);
  coupon.valid_until = now + std::chrono::days(days_valid);
  coupon.valid_from_date = local_date(kGeneratedZone, coupon.valid_from).value_or(LocalDate{});
  coupon.valid_until_date = local_date(kGeneratedZone, coupon.valid_until).value_or(LocalDate{});
  coupon.status = status;
  coupon.created_at = now;
  coupon.updated_at = now;
  return coupon;
}

// Runs body(i) for i in [0, count) on `threads` threads; the first exception stops them all and is rethrown.
template <class F>
void in_parallel(int count, unsigned threads, F body) {
  std::atomic<int> next{0};
  std::mutex failed;
  std::exception_ptr failure;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < std::max(1U, threads); ++t) {
    workers.emplace_back([&] {
      try {
        for (int i = next++; i < count; i = next++) body(i);
      } catch (...) {
        const std::lock_guard lock(failed);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

const std::vector<std::string>& coupon_words() {
  static const std::vector<std::string> words{
      "breakfast",   "weekend",    "room",       "spa",        "dinner",  "family",  "suite",     "late",
      "checkout",    "early",      "bird",       "parking",    "wine",    "sea",     "view",      "city",
      "break",       "romantic",   "getaway",    "midweek",    "stay",    "pool",    "golf",      "wellness",
      "massage",     "brunch",     "cocktail",   "garden",     "terrace", "rooftop", "harbour",   "castle",
      "lake",        "mountain",   "ski",        "bike",       "tour",    "museum",  "theatre",   "concert",
      "festival",    "christmas",  "easter",     "summer",     "winter",  "autumn",  "spring",    "honeymoon",
      "anniversary", "birthday",   "business",   "conference", "meeting", "loyalty", "member",    "student",
      "senior",      "pet",        "friendly",   "dog",        "kids",    "free",    "upgrade",   "balcony",
      "jacuzzi",     "sauna",      "steam",      "yoga",       "pilates", "cooking", "class",     "tasting",
      "whiskey",     "brewery",    "distillery", "vineyard",   "picnic",  "hamper",  "chocolate", "champagne",
      "oysters",     "seafood",    "vegan",      "gluten",     "organic", "local",   "artisan",   "heritage",
      "boutique",    "lighthouse", "cliff",      "island",     "ferry",   "kayak",   "surf",      "sailing",
      "fishing",     "hiking",     "trail",      "stargazing", "aurora",  "glacier", "volcano",   "desert",
      "safari",      "lagoon",     "canyon",     "fjord",      "tundra",  "orchard", "meadow",    "moorland"};
  return words;
}

std::string rare_word(int n) {
  std::string word = "zq";
  for (int i = 0; i < 3; ++i, n /= 26) word += static_cast<char>('a' + n % 26);
  return word;
}

const std::vector<std::string>& hotel_cities() {
  static const std::vector<std::string> cities{
      "Dublin", "Cork",   "Galway", "Limerick", "Belfast",   "London",   "Paris", "Lisbon",  "Madrid",   "Rome",
      "Berlin", "Vienna", "Prague", "Oslo",     "Edinburgh", "Bordeaux", "Porto", "Seville", "Florence", "Munich"};
  return cities;
}

std::vector<GeneratedHotel> add_hotels(storage::Database& database, int count) {
  std::vector<GeneratedHotel> hotels;
  for (int i = 0; i < count; ++i) {
    const std::string& city = hotel_cities()[static_cast<std::size_t>(i) % hotel_cities().size()];
    GeneratedHotel hotel{new_id(), new_id(), "Hotel " + city + " " + std::to_string(i + 1), city};
    auth::User owner{hotel.owner_id,
                     "owner" + std::to_string(i + 1) + "@bench.example",
                     "Owner " + std::to_string(i),
                     Role::hotelier,
                     "",
                     now_seconds(),
                     auth::Hotel{hotel.hotel_id, hotel.owner_id, hotel.name, city, "Ireland",
                                 std::string(kGeneratedZone), "A generated hotel", "", now_seconds()}};
    if (!database.accounts().create_user(owner)) throw std::runtime_error("could not add a generated hotelier");
    hotels.push_back(std::move(hotel));
  }
  return hotels;
}

std::vector<std::string> add_travellers(storage::Database& database, int count) {
  std::vector<std::string> ids(static_cast<std::size_t>(count));
  in_parallel(count, 4, [&](int i) {
    const std::string id = new_id();
    const auth::User traveller{id,
                               "traveller" + std::to_string(i + 1) + "@bench.example",
                               "Traveller " + std::to_string(i + 1),
                               Role::user,
                               "",
                               now_seconds(),
                               std::nullopt};
    if (!database.accounts().create_user(traveller)) throw std::runtime_error("could not add a generated traveller");
    ids[static_cast<std::size_t>(i)] = id;
  });
  return ids;
}

void add_coupons(storage::Database& database, const std::vector<GeneratedHotel>& hotels, int per_hotel,
                 unsigned threads) {
  const int total = static_cast<int>(hotels.size()) * per_hotel;
  in_parallel(total, threads, [&](int i) {
    WordDraw draw(static_cast<std::uint32_t>(i));  // the same texts on every run, whichever thread writes them
    const GeneratedHotel& hotel = hotels[static_cast<std::size_t>(i / per_hotel)];
    const std::optional<std::int64_t> quantity =
        i % 3 == 0 ? std::nullopt : std::optional<std::int64_t>(draw.between(10, 500));
    database.coupons().insert(
        make_coupon(hotel, draw.words(4), draw.words(18) + " " + rare_word(i % kRareWords), draw.between(1, 14) * 5,
                    quantity, coupons::CouponStatus::active, draw.between(30, 365)),
        {});
  });
}

std::string add_coupon(storage::Database& database, const GeneratedHotel& hotel, std::optional<std::int64_t> quantity,
                       std::string_view status) {
  const auto coupon = make_coupon(hotel, "Flash sale: half price suite", "One night, breakfast for two", 50, quantity,
                                  coupons::parse_status(status).value_or(coupons::CouponStatus::draft), 30);
  database.coupons().insert(coupon, {});
  return coupon.id;
}

void follow(storage::Database& database, const std::vector<std::string>& travellers, const GeneratedHotel& hotel,
            unsigned threads) {
  in_parallel(static_cast<int>(travellers.size()), threads, [&](int i) {
    database.subscriptions().follow(travellers[static_cast<std::size_t>(i)], hotel.hotel_id, now_seconds());
  });
}

}  // namespace hc::bench
