#include "hotels/rules.hpp"

#include "core/text.hpp"
#include "core/timezone.hpp"

namespace hc::hotels {
namespace {

struct TextRule {
  std::string_view field;
  const std::optional<std::string>* given;
  std::string* out;
  std::size_t min;
  std::size_t max;
};

}  // namespace

std::vector<FieldIssue> apply_fields(Hotel& hotel, const HotelFields& fields, std::string_view prefix, bool creating) {
  std::vector<FieldIssue> issues;
  const std::vector<FieldIssue> read_issues = fields.read_issues;
  const auto issue = [&](std::string_view field, std::string message) {
    issues.push_back({std::string(prefix) + std::string(field), std::move(message)});
  };
  for (const TextRule& rule : {TextRule{"name", &fields.name, &hotel.name, 1, 120},
                               TextRule{"city", &fields.city, &hotel.city, 1, 80},
                               TextRule{"country", &fields.country, &hotel.country, 2, 60}}) {
    if (!*rule.given) {
      if (creating) issue(rule.field, "is required");
      continue;
    }
    const std::string_view text = trim_spaces(**rule.given);
    if (auto problem = length_violation(text, rule.min, rule.max)) issue(rule.field, *problem);
    else *rule.out = std::string(text);
  }
  if (fields.timezone) {
    if (is_known_timezone(*fields.timezone)) hotel.timezone = *fields.timezone;
    else issue("timezone", "must be an IANA time zone such as Europe/Dublin");
  } else if (creating) {
    issue("timezone", "is required");
  }
  if (fields.description) {
    const auto length = utf8_length(*fields.description);
    if (!length || *length > 4000) issue("description", "must be valid UTF-8 of at most 4000 characters");
    else hotel.description = *fields.description;
  }
  std::vector<FieldIssue> all = read_issues;
  merge_issues(all, issues);
  return all;
}

}  // namespace hc::hotels
