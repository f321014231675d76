#include "demo/seed.hpp"

#include "demo/catalogue.hpp"
#include "render/coupon_art.hpp"

#include <array>
#include <map>
#include <stdexcept>

namespace hc::demo {
namespace {

template <class T>
T checked(Result<T, Error> result, std::string_view what) {
  if (!result) throw std::runtime_error("demo data: " + std::string(what) + " was refused: " + result.error().message);
  return std::move(*result);
}

std::string day_text(LocalDate today, int offset_days) {
  return to_iso_date(LocalDate{std::chrono::sys_days{today} + std::chrono::days{offset_days}});
}

coupons::CouponDraft draft_of(const DemoCoupon& demo, LocalDate today) {
  coupons::CouponDraft draft;
  draft.title = std::string(demo.title);
  draft.description = std::string(demo.description);
  draft.terms = std::string(demo.terms);
  draft.discount_percent = demo.discount_percent;
  if (demo.quantity) draft.quantity = *demo.quantity;
  draft.per_user_limit = demo.per_user_limit;
  draft.validity.valid_from = day_text(today, demo.starts_in_days);
  draft.validity.valid_until = day_text(today, demo.starts_in_days + demo.lasts_days);
  if (demo.stay_nights) {
    draft.stay_from = day_text(today, std::max(0, demo.starts_in_days));
    draft.stay_until = day_text(today, std::max(0, demo.starts_in_days) + 30 + *demo.stay_nights);
  }
  // Paused coupons were active first; drafts stay drafts.
  draft.status = demo.status == "draft" ? "draft" : "active";
  return draft;
}

int publish_catalogue(const DemoServices& services, const std::map<std::string, Principal, std::less<>>& people) {
  const LocalDate today{std::chrono::floor<std::chrono::days>(Clock::now())};
  std::uint32_t seed = 1;
  int created = 0;
  for (const DemoCoupon& demo : demo_catalogue()) {
    const Principal& owner = people.find(demo.hotel_email)->second;
    coupons::Coupon coupon = checked(services.coupons.create(owner, draft_of(demo, today)), demo.title);
    if (demo.status == "paused") {
      coupons::CouponDraft pause;
      pause.status = "paused";
      checked(services.coupons.edit(owner, coupon.id, pause), demo.title);
    }
    const std::string art = render::draw_coupon_png(
        {std::string(demo.title), coupon.hotel.name, demo.discount_percent, std::string(demo.theme), seed++});
    checked(services.coupons.set_image(owner, coupon.id, art), demo.title);
    ++created;
  }
  return created;
}

// A few travellers have claimed coupons already (and one was used at the desk), so wallets and a hotel's
// figures are not empty on a first visit.
int claim_some(const DemoServices& services, const std::map<std::string, Principal, std::less<>>& people) {
  struct DemoClaim {
    std::string_view traveller;
    std::string_view coupon_title;
    std::string_view used_by;  // a hotelier's e-mail when the code was used at the desk
  };
  static constexpr std::array kClaims{
      DemoClaim{"alex@user.com", "Winter escape: 3 nights for the price of 2", "dublinhotel@hotelier.com"},
      DemoClaim{"alex@user.com", "Rooftop pool sunset cocktails", ""},
      DemoClaim{"alex@user.com", "Douro valley by bike", ""},
      DemoClaim{"beatriz@user.com", "Tapas tour of the Eixample", ""},
      DemoClaim{"luis@user.com", "Afternoon tea for two in the Drawing Room", ""},
  };
  int claimed = 0;
  for (const DemoClaim& claim : kClaims) {
    coupons::SearchParams search;
    search.q = std::string(claim.coupon_title);
    const auto found = checked(services.coupons.search(search), claim.coupon_title);
    if (found.items.empty()) continue;
    const auto redemption =
        checked(services.redemptions.claim(people.find(claim.traveller)->second, found.items.front().id), claim.coupon_title);
    if (!claim.used_by.empty()) {
      checked(services.redemptions.use(people.find(claim.used_by)->second, redemption.code, "127.0.0.1"), "a desk use");
    }
    ++claimed;
  }
  return claimed;
}

}  // namespace

const std::vector<auth::Registration>& demo_accounts() {
  const std::string password(kDemoPassword);
  static const std::vector<auth::Registration> kAccounts{
      {"alex@user.com", password, "Alex Murphy", "user", std::nullopt, {}},
      {"beatriz@user.com", password, "Beatriz Santos", "user", std::nullopt, {}},
      {"luis@user.com", password, "Luis García", "user", std::nullopt, {}},
      {"dublinhotel@hotelier.com", password, "Siobhán Kelly", "hotelier",
       auth::HotelInput{"Dublin Hotel", "Dublin", "Ireland", "Europe/Dublin",
                        "A Georgian townhouse hotel on St Stephen's Green, five minutes from Grafton Street.", {}}, {}},
      {"barcelonahotel@hotelier.com", password, "Jordi Puig", "hotelier",
       auth::HotelInput{"Barcelona Hotel", "Barcelona", "Spain", "Europe/Madrid",
                        "A modernista building in the Eixample with a rooftop pool and views of the Sagrada Família.", {}}, {}},
      {"greenhotel@hotelier.com", password, "Marta Oliveira", "hotelier",
       auth::HotelInput{"Green Hotel", "Porto", "Portugal", "Europe/Lisbon",
                        "An eco-certified hotel by the Douro river: solar power, a garden restaurant and bikes for guests.", {}}, {}},
  };
  return kAccounts;
}

SeedResult seed_demo(const DemoServices& services) {
  if (services.accounts.count_users() > 0) return {};
  SeedResult result;
  std::map<std::string, Principal, std::less<>> people;
  std::uint32_t logo_seed = 7;
  for (const auth::Registration& account : demo_accounts()) {
    const auth::User user = checked(services.auth.register_user(account), account.email);
    ++result.accounts;
    const Principal principal{user.id, user.role, {}};
    people.emplace(user.email, principal);
    if (user.role != Role::hotelier) continue;
    checked(services.hotels.set_logo(principal, render::draw_logo_png(user.hotel->name, logo_seed++)), "a logo");
  }
  result.coupons = publish_catalogue(services, people);
  result.claims = claim_some(services, people);
  return result;
}

}  // namespace hc::demo
