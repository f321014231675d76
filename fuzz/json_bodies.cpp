// Every JSON request body the API reads, through the function its handler reads it with. The first byte picks
// the decoder, the rest is the body. Where the module's rules are pure (a coupon draft, a hotel's fields), what
// was read is applied too, as the service would. The WebSocket frames and the interaction batch have targets of
// their own.
#include "auth/handlers.hpp"
#include "coupons/json.hpp"
#include "coupons/rules.hpp"
#include "hotels/handlers.hpp"
#include "hotels/rules.hpp"
#include "interactions/handlers.hpp"
#include "net/json_body.hpp"
#include "notifications/handlers.hpp"
#include "redemptions/handlers.hpp"
#include "reports/handlers.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using namespace hc;

const SysSeconds kNow{std::chrono::seconds(1'767'225'600)};  // 2026-01-01

// A refused body is a 400 that says what is wrong: a validation error names its fields.
template <class T>
void check(const Result<T, Error>& result) {
  if (result) return;
  const Errc code = result.error().code;
  if (code != Errc::malformed_json && code != Errc::validation_failed) std::abort();
  if (code == Errc::validation_failed && result.error().details.empty()) std::abort();
}

void decode(unsigned which, std::string_view body) {
  switch (which % 11) {
    case 0: {
      auto registration = auth::read_registration(body);
      check(registration);
      break;
    }
    case 1:
      check(auth::read_credentials(body));
      break;
    case 2:
      check(auth::read_refresh_body(body));
      break;
    case 3: {
      auto fields = hotels::read_hotel_fields(body);
      check(fields);
      if (fields) {
        hotels::Hotel hotel;
        hotels::apply_fields(hotel, *fields, "", false);
      }
      break;
    }
    case 4:
    case 5: {
      const bool creating = which % 11 == 4;
      auto draft = coupons::read_draft(body, creating);
      check(draft);
      if (draft) {
        coupons::Coupon coupon;
        coupon.hotel.timezone = "Europe/Paris";
        coupons::apply_draft(coupon, *draft, creating, kNow);
      }
      break;
    }
    case 6:
      check(reports::read_report_request(body));
      break;
    case 7:
      check(notifications::read_mark_read_request(body));
      break;
    case 8:
      check(redemptions::read_desk_field(body, "code", 64));
      break;
    case 9:
      check(redemptions::read_desk_field(body, "reason", 500));
      break;
    case 10: {
      // The parser's own second pass, on any text (the decoders only reach it with valid JSON).
      net::find_duplicate_key(body);
      break;
    }
    default:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  decode(data[0], std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  return 0;
}
