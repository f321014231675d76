#include "demo/seed.hpp"

#include <stdexcept>

namespace hc::demo {

const std::vector<auth::Registration>& demo_accounts() {
  const std::string password(kDemoPassword);
  static const std::vector<auth::Registration> kAccounts{
      {"alex@user.com", password, "Alex Murphy", "user", std::nullopt},
      {"beatriz@user.com", password, "Beatriz Santos", "user", std::nullopt},
      {"luis@user.com", password, "Luis García", "user", std::nullopt},
      {"dublinhotel@hotelier.com", password, "Siobhán Kelly", "hotelier",
       auth::HotelInput{"Dublin Hotel", "Dublin", "Ireland", "Europe/Dublin",
                        "A Georgian townhouse hotel on St Stephen's Green, five minutes from Grafton Street."}},
      {"barcelonahotel@hotelier.com", password, "Jordi Puig", "hotelier",
       auth::HotelInput{"Barcelona Hotel", "Barcelona", "Spain", "Europe/Madrid",
                        "A modernista building in the Eixample with a rooftop pool and views of the Sagrada Família."}},
      {"greenhotel@hotelier.com", password, "Marta Oliveira", "hotelier",
       auth::HotelInput{"Green Hotel", "Porto", "Portugal", "Europe/Lisbon",
                        "An eco-certified hotel by the Douro river: solar power, a garden restaurant and bikes for guests."}},
  };
  return kAccounts;
}

int seed_demo(auth::AuthService& service, auth::AccountRepository& accounts) {
  if (accounts.count_users() > 0) return 0;
  int created = 0;
  for (const auth::Registration& account : demo_accounts()) {
    auto user = service.register_user(account);
    if (!user) throw std::runtime_error("demo account " + account.email + " was refused: " + user.error().message);
    ++created;
  }
  return created;
}

}  // namespace hc::demo
