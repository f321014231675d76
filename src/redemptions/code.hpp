#pragma once
// Redemption codes: what a traveller shows at a hotel's front desk. Twelve Crockford base32 symbols in three
// groups of four ("7KQ2-M9XD-4T1Z"): 55 random bits and a check symbol that catches every single mistyped
// symbol and every swap of two neighbours. A code is a bearer secret, so codes never go to logs. Uniqueness is
// the database's job: the caller inserts and retries with a new code on collision.
#include <optional>
#include <string>
#include <string_view>

namespace hc::redemptions {

//! A new code: 11 random symbols and the check symbol, canonical form "XXXX-XXXX-XXXX".
std::string generate_code();

//! The canonical form of what a person typed, or nullopt if it is not a valid code: spaces, hyphens and
//! case are ignored; O→0, I and L→1 (Crockford); U and any other character, a wrong length or a wrong check
//! symbol → nullopt. Accepts at most 64 input bytes.
std::optional<std::string> parse_code(std::string_view typed);

}  // namespace hc::redemptions
