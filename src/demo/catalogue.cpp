#include "demo/catalogue.hpp"

namespace hc::demo {
namespace {

constexpr std::string_view kDublin = "dublinhotel@hotelier.com";
constexpr std::string_view kBarcelona = "barcelonahotel@hotelier.com";
constexpr std::string_view kGreen = "greenhotel@hotelier.com";

constexpr std::string_view kStandardTerms =
    "Subject to availability. Show your code at reception on arrival. Not combinable with other offers.";

}  // namespace

const std::vector<DemoCoupon>& demo_catalogue() {
  static const std::vector<DemoCoupon> kCatalogue{
      {kDublin, "Winter escape: 3 nights for the price of 2",
       "Stay three nights in a Georgian room overlooking St Stephen's Green and pay for two. Full Irish breakfast "
       "included every morning.",
       kStandardTerms, 33, 40, 1, -2, 90, 3, "active", "city"},
      {kDublin, "Afternoon tea for two in the Drawing Room",
       "Finger sandwiches, warm scones with clotted cream and a pot of Barry's tea by the fire.", kStandardTerms, 20,
       std::nullopt, 2, -5, 60, std::nullopt, "active", "food"},
      {kDublin, "Literary Dublin weekend", "Two nights, a guided walk from Trinity College to the James Joyce Centre, "
       "and a signed book from our partner bookshop on Dawson Street.", kStandardTerms, 15, 25, 1, 0, 120, 2,
       "active", "business"},
      {kDublin, "Family room upgrade", "Book a double and we upgrade you to a family room with bunk beds; kids eat "
       "free from the children's menu.", kStandardTerms, 25, 60, 1, -1, 45, std::nullopt, "active", "family"},
      {kDublin, "Spa evening after the Christmas markets", "A 50-minute massage and access to the thermal suite after "
       "a day in the cold.", kStandardTerms, 30, 20, 1, -3, 30, std::nullopt, "active", "spa"},
      {kDublin, "Midweek business rate", "Sunday to Thursday: fast Wi-Fi, a desk by the window and late check-out at "
       "2 pm.", kStandardTerms, 18, std::nullopt, 4, -10, 150, std::nullopt, "active", "business"},
      {kDublin, "St Patrick's Day package", "Front-row breakfast on the parade route, then a céilí in the bar.",
       kStandardTerms, 12, 30, 1, 20, 100, 2, "draft", "city"},

      {kBarcelona, "Rooftop pool sunset cocktails", "Two cocktails at sunset by the rooftop pool, with views of the "
       "Sagrada Família.", kStandardTerms, 40, 100, 2, -4, 75, std::nullopt, "active", "beach"},
      {kBarcelona, "Tapas tour of the Eixample", "An evening walk through five of our favourite bars with a local "
       "guide: patatas bravas, jamón and vermut.", kStandardTerms, 25, 30, 1, -1, 60, std::nullopt, "active", "food"},
      {kBarcelona, "Romantic weekend with cava breakfast", "Two nights in a balcony suite, cava breakfast in bed and "
       "late check-out.", kStandardTerms, 35, 15, 1, -6, 90, 2, "active", "romance"},
      {kBarcelona, "Beach day at Barceloneta", "Sun loungers, a parasol and a picnic basket for two at our partner "
       "beach club.", kStandardTerms, 20, 50, 2, 0, 120, std::nullopt, "active", "beach"},
      {kBarcelona, "Gaudí architecture pass", "Skip-the-line tickets to Casa Batlló and Park Güell with your stay.",
       kStandardTerms, 15, std::nullopt, 1, -8, 180, 1, "active", "city"},
      {kBarcelona, "Mercat de la Boqueria cooking class", "Shop at La Boqueria with our chef, then cook a paella "
       "together.", kStandardTerms, 30, 12, 1, -2, 40, std::nullopt, "paused", "food"},
      {kBarcelona, "Kids stay free in summer", "Children under 12 stay free in their parents' room in July and August.",
       kStandardTerms, 50, 80, 1, -1, 200, std::nullopt, "active", "family"},

      {kGreen, "Douro valley by bike", "E-bikes and a picnic for a day along the river, with a stop at a quinta for a "
       "port tasting.", kStandardTerms, 25, 40, 2, -3, 100, std::nullopt, "active", "nature"},
      {kGreen, "Garden-to-table dinner", "A five-course tasting menu from our own garden, with natural wines from the "
       "Minho.", kStandardTerms, 20, 30, 2, -2, 70, std::nullopt, "active", "food"},
      {kGreen, "Eco retreat: 2 nights, solar-powered", "Two nights in our greenest rooms, yoga at sunrise and a tree "
       "planted in your name.", kStandardTerms, 30, 25, 1, 0, 120, 2, "active", "nature"},
      {kGreen, "Slow mornings spa ritual", "Hammam, scrub and a herbal infusion in the garden pavilion.",
       kStandardTerms, 35, 20, 1, -5, 50, std::nullopt, "active", "spa"},
      {kGreen, "Sunset cruise on the Douro", "A rabelo boat at golden hour with a glass of tawny port.", kStandardTerms,
       15, std::nullopt, 2, -1, 150, std::nullopt, "active", "romance"},
      {kGreen, "Remote work week", "Five nights, a quiet co-working room and unlimited espresso.", kStandardTerms, 40,
       10, 1, 2, 90, 5, "active", "business"},
  };
  return kCatalogue;
}

}  // namespace hc::demo
