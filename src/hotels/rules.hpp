#pragma once
// A hotel's profile fields and their bounds, shared by registration and profile edits.
#include "core/error.hpp"
#include "hotels/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hc::hotels {

//! Profile fields as a client sends them; on an edit, absent fields keep their value.
struct HotelFields {
  std::optional<std::string> name;
  std::optional<std::string> city;
  std::optional<std::string> country;
  std::optional<std::string> timezone;
  std::optional<std::string> description;
  std::vector<FieldIssue> read_issues;  // problems found while reading the request (unknown fields, wrong types)
};

//! Applies the fields to a hotel, checking each; `prefix` names nested fields ("hotel.") and `creating`
//! requires name, city, country and timezone.
std::vector<FieldIssue> apply_fields(Hotel& hotel, const HotelFields& fields, std::string_view prefix, bool creating);

}  // namespace hc::hotels
