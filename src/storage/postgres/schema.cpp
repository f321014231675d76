#include "storage/postgres/schema.hpp"

#include <array>

namespace hc::postgres {
namespace {

// Times stay RFC 3339 UTC text ("2026-11-22T10:00:00Z") and days "YYYY-MM-DD" text, as in the SQLite schema,
// rather than timestamptz and date: the application's clock (replaced in tests) makes every time, the server never
// computes one, and both backends then bind, read and compare the same strings, so the repositories share their
// row formats and keyset conditions. The domains keep that safe: the "C" collation compares bytes whatever the
// database's default collation (so ids, times and days order as in SQLite, and a B-tree serves ranges), and the
// checks refuse any other spelling, which would break the ordering ("...:00.5Z" sorts before "...:00Z").
constexpr std::string_view kAccounts = R"sql(
CREATE DOMAIN hc_key AS text COLLATE "C";
CREATE DOMAIN hc_time AS text COLLATE "C" CHECK (VALUE ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$');
CREATE DOMAIN hc_day AS text COLLATE "C" CHECK (VALUE ~ '^\d{4}-\d{2}-\d{2}$');

CREATE TABLE users (
  id            hc_key PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('user', 'hotelier')),
  password_hash text NOT NULL,
  created_at    hc_time NOT NULL
);

CREATE TABLE hotels (
  id          hc_key PRIMARY KEY,
  owner_id    hc_key NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  name        text NOT NULL,
  city        text NOT NULL,
  country     text NOT NULL,
  timezone    text NOT NULL,
  description text NOT NULL DEFAULT '',
  logo_key    text NOT NULL DEFAULT '',
  created_at  hc_time NOT NULL
);

CREATE TABLE refresh_tokens (
  id         hc_key PRIMARY KEY,
  family_id  hc_key NOT NULL,
  user_id    hc_key NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at hc_time NOT NULL,
  expires_at hc_time NOT NULL,
  used_at    hc_time,
  revoked_at hc_time
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens(user_id);
)sql";

// Search: instead of FTS5, each coupon carries its search document, written by the application with
// coupon_search_document() from texts it has already folded (hc::postgres::search_fold: lower case, no
// diacritics), so that no extension (unaccent) is needed and both backends fold words the same way. The 'simple'
// configuration keeps every word as it is, like FTS5's tokenizer: no stemming, no stop words. The GIN index holds
// only active coupons, as the FTS5 table does; a query must say status = 'active' to use it. Words carry weights
// (title A, hotel name B, description D) so that ranking prefers the title, and so that a hotel's rename can swap
// its words alone: coupon_search_rename_hotel() keeps the A and D words and adds the new B words.
constexpr std::string_view kCoupons = R"sql(
CREATE TABLE coupons (
  seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id               hc_key NOT NULL UNIQUE,
  hotel_id         hc_key NOT NULL REFERENCES hotels(id) ON DELETE CASCADE,
  title            text NOT NULL,
  description      text NOT NULL DEFAULT '',
  terms            text NOT NULL DEFAULT '',
  discount_percent integer NOT NULL CHECK (discount_percent BETWEEN 1 AND 100),
  quantity         bigint CHECK (quantity IS NULL OR quantity >= 1),
  redeemed_count   bigint NOT NULL DEFAULT 0 CHECK (redeemed_count >= 0),
  per_user_limit   integer NOT NULL DEFAULT 1 CHECK (per_user_limit >= 1),
  valid_from       hc_time NOT NULL,
  valid_until      hc_time NOT NULL,
  valid_from_date  hc_day NOT NULL,
  valid_until_date hc_day NOT NULL,
  stay_from        hc_day,
  stay_until       hc_day,
  status           text NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'archived')),
  image_key        text NOT NULL DEFAULT '',
  created_at       hc_time NOT NULL,
  updated_at       hc_time NOT NULL,
  search_document  tsvector NOT NULL,
  CHECK (quantity IS NULL OR redeemed_count <= quantity)
);
CREATE INDEX coupons_by_hotel ON coupons(hotel_id, id);
CREATE INDEX coupons_by_status_newest ON coupons(status, id);
CREATE INDEX coupons_by_status_discount ON coupons(status, discount_percent, id);
CREATE INDEX coupons_by_status_ending ON coupons(status, valid_until, id);
CREATE INDEX coupons_search ON coupons USING gin (search_document) WHERE status = 'active';

CREATE FUNCTION coupon_search_document(title text, hotel_name text, description text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', hotel_name), 'B')
         || setweight(to_tsvector('simple', description), 'D')
$$;

CREATE FUNCTION coupon_search_rename_hotel(document tsvector, hotel_name text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ts_filter(document, '{a,d}') || setweight(to_tsvector('simple', hotel_name), 'B')
$$;
)sql";

// A claim takes a unit and stores the redemption in one transaction; following a hotel remembers an explicit
// unfollow so that a later claim does not follow it again.
constexpr std::string_view kRedemptions = R"sql(
CREATE TABLE redemptions (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id           hc_key NOT NULL UNIQUE,
  coupon_id    hc_key NOT NULL REFERENCES coupons(id),
  hotel_id     hc_key NOT NULL REFERENCES hotels(id),
  user_id      hc_key NOT NULL REFERENCES users(id),
  code         text NOT NULL UNIQUE,
  status       text NOT NULL CHECK (status IN ('redeemed', 'used', 'cancelled')),
  redeemed_at  hc_time NOT NULL,
  used_at      hc_time,
  used_by      hc_key REFERENCES users(id),
  cancelled_at hc_time
);
CREATE INDEX redemptions_by_user ON redemptions(user_id, id);
CREATE INDEX redemptions_by_coupon_user ON redemptions(coupon_id, user_id, status);

CREATE TABLE desk_events (
  seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id             hc_key NOT NULL UNIQUE,
  hotel_id       hc_key NOT NULL REFERENCES hotels(id),
  redemption_id  hc_key NOT NULL REFERENCES redemptions(id),
  action         text NOT NULL CHECK (action IN ('use', 'undo')),
  actor_id       hc_key NOT NULL REFERENCES users(id),
  client_address text NOT NULL,
  reason         text NOT NULL DEFAULT '',
  at             hc_time NOT NULL
);
CREATE INDEX desk_events_by_hotel ON desk_events(hotel_id, id);

CREATE TABLE subscriptions (
  user_id  hc_key NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hotel_id hc_key NOT NULL REFERENCES hotels(id) ON DELETE CASCADE,
  state    text NOT NULL CHECK (state IN ('following', 'unfollowed')),
  source   text NOT NULL CHECK (source IN ('manual', 'redeem')),
  since    hc_time NOT NULL,
  PRIMARY KEY (user_id, hotel_id)
);
CREATE INDEX subscriptions_by_hotel ON subscriptions(hotel_id, state);
)sql";

// The first answer to a request with an Idempotency-Key, kept 24 hours; status is NULL while it is in flight.
constexpr std::string_view kIdempotency = R"sql(
CREATE TABLE idempotency_keys (
  owner        hc_key NOT NULL,
  key          text NOT NULL,
  fingerprint  text NOT NULL,
  status       integer,
  content_type text NOT NULL DEFAULT '',
  body         text NOT NULL DEFAULT '',
  created_at   hc_time NOT NULL,
  PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
)sql";

// Events are written in the same transaction as the change that causes them (the outbox); a background
// dispatcher turns each into inbox rows and marks it sent. Inbox rows are unique per event and user, so a
// dispatcher that runs an event twice (after a crash) adds nothing.
constexpr std::string_view kNotifications = R"sql(
CREATE TABLE outbox (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id         hc_key NOT NULL UNIQUE,
  kind       text NOT NULL,
  payload    text NOT NULL,
  created_at hc_time NOT NULL,
  sent_at    hc_time
);
CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;

CREATE TABLE notifications (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    hc_key NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  event_id   hc_key NOT NULL,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text NOT NULL,
  data       text NOT NULL,
  created_at hc_time NOT NULL,
  read_at    hc_time,
  UNIQUE (event_id, user_id)
);
CREATE INDEX notifications_by_user ON notifications(user_id, seq);

-- The newest outbox event when the follow happened: events after it are news to this follower. Unlike SQLite's,
-- PostgreSQL's writers are not serialised and a sequence number is taken before its transaction commits, so the
-- repository must order follows and events itself (for instance under a lock) to keep this exact.
ALTER TABLE subscriptions ADD COLUMN after_event bigint NOT NULL DEFAULT 0;
)sql";

// Interactions are queued durably, folded every second (and soon after socket events are queued) into per-coupon,
// per-day counters (the day in the hotel's time zone) and deleted in the same transaction; a row may stand for
// several events (migration 9). Client event ids are remembered for a day, so a retried batch is counted once.
constexpr std::string_view kInteractions = R"sql(
CREATE TABLE interaction_queue (
  seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  coupon_id hc_key NOT NULL,
  action    text NOT NULL CHECK (action IN ('view', 'click', 'share', 'claim', 'use')),
  at        hc_time NOT NULL
);

CREATE TABLE interaction_ids (
  id          hc_key PRIMARY KEY,
  received_at hc_time NOT NULL
);
CREATE INDEX interaction_ids_by_age ON interaction_ids(received_at);

CREATE TABLE coupon_daily (
  coupon_id hc_key NOT NULL REFERENCES coupons(id) ON DELETE CASCADE,
  day       hc_day NOT NULL,
  views     bigint NOT NULL DEFAULT 0,
  clicks    bigint NOT NULL DEFAULT 0,
  shares    bigint NOT NULL DEFAULT 0,
  claims    bigint NOT NULL DEFAULT 0,
  uses      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (coupon_id, day)
);
)sql";

// Report jobs. A worker takes a job with a lease; a job whose lease ran out (its worker died) is taken again.
// The file's key derives from the job's id, so running a job twice replaces the file instead of adding one.
constexpr std::string_view kReports = R"sql(
CREATE TABLE reports (
  id          hc_key PRIMARY KEY,
  owner_id    hc_key NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hotel_id    hc_key NOT NULL REFERENCES hotels(id) ON DELETE CASCADE,
  period_from hc_day NOT NULL,
  period_to   hc_day NOT NULL,
  format      text NOT NULL CHECK (format IN ('pdf', 'csv')),
  status      text NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  run_after   hc_time NOT NULL,
  lease_until hc_time,
  error       text NOT NULL DEFAULT '',
  object_key  text NOT NULL DEFAULT '',
  size_bytes  bigint NOT NULL DEFAULT 0,
  created_at  hc_time NOT NULL,
  finished_at hc_time
);
CREATE INDEX reports_by_owner ON reports(owner_id, id);
CREATE INDEX reports_pending ON reports(status, run_after) WHERE status IN ('queued', 'running');
)sql";

// Which worker holds a running job's lease (see the SQLite schema).
constexpr std::string_view kReportWorkers = R"sql(
ALTER TABLE reports ADD COLUMN leased_by hc_key;
)sql";

// A queued row stands for `count` identical events (see the SQLite schema).
constexpr std::string_view kInteractionCounts = R"sql(
ALTER TABLE interaction_queue ADD COLUMN count integer NOT NULL DEFAULT 1 CHECK (count > 0);
)sql";

// The same versions and names as the SQLite schema, so that `migrate` reports the same version on both.
constexpr std::array kMigrations{
    Migration{1, "accounts", kAccounts},
    Migration{2, "coupons", kCoupons},
    Migration{3, "redemptions", kRedemptions},
    Migration{4, "idempotency keys", kIdempotency},
    Migration{5, "outbox and notifications", kNotifications},
    Migration{6, "interactions and daily counters", kInteractions},
    Migration{7, "report jobs", kReports},
    Migration{8, "report leases name their worker", kReportWorkers},
    Migration{9, "queued interactions carry a count", kInteractionCounts},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

}  // namespace hc::postgres
