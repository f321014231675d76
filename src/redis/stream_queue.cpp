#include "redis/stream_queue.hpp"

#include "core/random.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <set>
#include <tuple>

namespace hc::redis {
namespace {

// The payload's version, the first field of every entry; a consumer drops entries of a version it does not know.
constexpr std::string_view kVersion = "1";
constexpr std::string_view kDeliveryPrefix = "s:";

// KEYS[1]: the stream. ARGV: five per record: coupon id, action, time (RFC 3339), event id ("" for none), count.
// One entry per record, all appended in one step: a push is never half done. A count of one is left out, so such
// an entry is just what older nodes wrote (an entry without a count counts one). An older consumer ignores a count
// and counts its entry once, so while nodes of both versions fold one stream, added-up events may be undercounted.
constexpr std::string_view kAppend = R"lua(
for i = 1, #ARGV, 5 do
  local fields = {'v', '1', 'c', ARGV[i], 'a', ARGV[i + 1], 't', ARGV[i + 2]}
  if ARGV[i + 3] ~= '' then
    table.insert(fields, 'i')
    table.insert(fields, ARGV[i + 3])
  end
  if ARGV[i + 4] ~= '1' then
    table.insert(fields, 'n')
    table.insert(fields, ARGV[i + 4])
  end
  redis.call('XADD', KEYS[1], '*', unpack(fields))
end
return #ARGV / 5
)lua";

//! A count field's value: a whole number above zero.
std::optional<std::int64_t> read_count(std::string_view text) {
  std::int64_t count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc{} || end != text.data() + text.size() || count < 1) return std::nullopt;
  return count;
}

//! The event of an entry's fields (name, value, name, value, ...), or nullopt for an unknown payload.
std::optional<interactions::Interaction> read_payload(const Reply& fields) {
  if (fields.is_nil()) return std::nullopt;  // deleted while pending
  std::optional<std::string_view> version;
  std::optional<std::string_view> time;
  std::optional<std::int64_t> count = 1;  // an entry without one (as older nodes wrote them) counts once
  interactions::Interaction event;
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    const std::string_view name = fields.at(i).string();
    const std::string_view value = fields.at(i + 1).string();
    if (name == "v")
      version = value;
    else if (name == "c")
      event.coupon_id = value;
    else if (name == "a")
      event.action = value;
    else if (name == "t")
      time = value;
    else if (name == "i")
      event.id = std::string(value);
    else if (name == "n")
      count = read_count(value);
  }
  const auto at = time ? parse_rfc3339(*time) : std::nullopt;
  if (version != kVersion || !at || !count || event.coupon_id.empty() || event.action.empty()) return std::nullopt;
  event.at = *at;
  event.count = *count;
  return event;
}

//! The entries of an XREADGROUP or XAUTOCLAIM reply: [[id, [field, value, ...]], ...].
TakenEntries read_entries(const Reply& entries) {
  TakenEntries taken;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Reply entry = entries.at(i);
    std::string id(entry.at(0).string());
    if (auto event = read_payload(entry.at(1))) {
      taken.events.push_back({std::string(kDeliveryPrefix) + id, std::move(*event)});
    } else {
      ++taken.unreadable;
    }
    taken.entry_ids.push_back(std::move(id));
  }
  return taken;
}

//! The time an entry was added: its id is "<milliseconds since the epoch>-<sequence>".
std::optional<SysSeconds> entry_time(std::string_view id) {
  std::int64_t milliseconds = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), milliseconds);
  if (error != std::errc{}) return std::nullopt;
  return std::chrono::floor<std::chrono::seconds>(SysSeconds{} + std::chrono::milliseconds{milliseconds});
}

void merge(interactions::FoldResult& into, interactions::FoldResult&& more) {
  into.folded += more.folded;
  into.dropped += more.dropped;
  std::set<std::string> owners(into.changed_hotel_owners.begin(), into.changed_hotel_owners.end());
  owners.insert(more.changed_hotel_owners.begin(), more.changed_hotel_owners.end());
  into.changed_hotel_owners.assign(owners.begin(), owners.end());
}

}  // namespace

std::string unique_consumer_name() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return std::string(host.data()) + ":" + std::to_string(getpid()) + ":" + random_token(6);
}

RedisStreamQueue::RedisStreamQueue(Pool& pool, CircuitBreaker& breaker, interactions::InteractionRepository& repository,
                                   StreamQueueOptions options, Logger log)
    : pool_(pool),
      breaker_(breaker),
      repository_(repository),
      database_(repository),
      options_(std::move(options)),
      log_(std::move(log)) {
  if (options_.consumer.empty()) throw std::invalid_argument("a stream consumer needs a name");
}

template <class F>
bool RedisStreamQueue::on_redis(F&& call) {
  try {
    breaker_.run(std::forward<F>(call));
  } catch (const std::runtime_error& e) {
    // Unreachable, timed out, or refused by the open breaker (which logs its own transitions).
    if (!failing_.exchange(true)) {
      log_.warn("interaction stream unavailable; events wait in the database", {{"what", std::string_view(e.what())}});
    }
    return false;
  }
  if (failing_.exchange(false)) log_.info("interaction stream available again");
  return true;
}

std::size_t RedisStreamQueue::push(const std::vector<interactions::Interaction>& events, SysSeconds now) {
  if (events.empty()) return 0;
  const bool appended = on_redis([&] {
    std::vector<std::string> texts;  // the times and counts, kept alive for the arguments
    texts.reserve(2 * events.size());
    std::vector<std::string_view> argv{"EVAL", kAppend, "1", options_.key};
    for (const interactions::Interaction& event : events) {
      const std::string_view time = texts.emplace_back(to_rfc3339(event.at));
      const std::string_view count = texts.emplace_back(std::to_string(event.count));
      argv.insert(argv.end(), {event.coupon_id, event.action, time,
                               event.id ? std::string_view(*event.id) : std::string_view{}, count});
    }
    pool_.lease()->command_argv(argv);
  });
  // Retries are told apart when folded (the stream's and the database's events share the remembered ids).
  return appended ? interactions::event_count(events) : database_.push(events, now);
}

Reply RedisStreamQueue::group_command(Connection& connection, std::span<const std::string_view> argv) {
  try {
    return connection.command_argv(argv);
  } catch (const Error& error) {
    // A new Redis (or one restarted empty) has neither: the group starts at the stream's first entry.
    if (!error.reply().starts_with("NOGROUP")) throw;
  }
  try {
    connection.command("XGROUP", "CREATE", options_.key, options_.group, "0", "MKSTREAM");
  } catch (const Error& error) {
    if (!error.reply().starts_with("BUSYGROUP")) throw;  // another consumer created it meanwhile
  }
  return connection.command_argv(argv);
}

TakenEntries RedisStreamQueue::take(std::size_t batch) {
  auto connection = pool_.lease();
  const std::string count = std::to_string(batch);
  const std::string min_idle = std::to_string(options_.claim_after.count());
  const std::array<std::string_view, 8> claim{"XAUTOCLAIM", options_.key, options_.group, options_.consumer,
                                              min_idle,     "0-0",        "COUNT",        count};
  TakenEntries taken = read_entries(group_command(*connection, claim).at(1));
  if (!taken.entry_ids.empty()) return taken;
  const std::array<std::string_view, 9> read{
      "XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT", count, "STREAMS", options_.key, ">"};
  const Reply streams = group_command(*connection, read);
  if (streams.is_nil()) return {};
  return read_entries(streams.at(0).at(1));
}

interactions::FoldResult RedisStreamQueue::count(const TakenEntries& taken, SysSeconds now) {
  interactions::FoldResult result = repository_.fold_delivered(taken.events, now);
  result.dropped += taken.unreadable;
  return result;
}

void RedisStreamQueue::acknowledge(const TakenEntries& taken) {
  if (taken.entry_ids.empty()) return;
  std::vector<std::string_view> ack{"XACK", options_.key, options_.group};
  std::vector<std::string_view> del{"XDEL", options_.key};
  ack.insert(ack.end(), taken.entry_ids.begin(), taken.entry_ids.end());
  del.insert(del.end(), taken.entry_ids.begin(), taken.entry_ids.end());
  auto connection = pool_.lease();
  connection->command_argv(ack);
  connection->command_argv(del);
}

interactions::FoldResult RedisStreamQueue::fold_once(std::size_t batch, SysSeconds now) {
  interactions::FoldResult result = database_.fold_once(batch, now);
  TakenEntries taken;
  if (!on_redis([&] { taken = take(batch); }) || taken.entry_ids.empty()) return result;
  merge(result, count(taken, now));
  // Should this fail, the entries are claimed again after claim_after and then skipped as counted.
  on_redis([&] { acknowledge(taken); });
  return result;
}

std::pair<std::int64_t, std::chrono::seconds> RedisStreamQueue::backlog(SysSeconds now) {
  // Named variables rather than a structured binding, which clang 14 (the sanitizer build) cannot capture.
  std::int64_t depth = 0;
  std::chrono::seconds age{};
  std::tie(depth, age) = database_.backlog(now);
  on_redis([&] {
    auto connection = pool_.lease();
    depth += connection->command("XLEN", options_.key).integer();
    const Reply first = connection->command("XRANGE", options_.key, "-", "+", "COUNT", "1");
    if (first.size() == 0) return;
    if (const auto added = entry_time(first.at(0).at(0).string())) age = std::max(age, now - *added);
  });
  return {depth, std::max(age, std::chrono::seconds{0})};
}

}  // namespace hc::redis
