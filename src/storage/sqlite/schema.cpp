#include "storage/sqlite/schema.hpp"

#include <array>

namespace hc::sqlite {
namespace {

// Times are RFC 3339 UTC text ("2026-11-22T10:00:00Z"): they sort and compare as strings.
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('user', 'hotelier')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE hotels (
  id          TEXT PRIMARY KEY,
  owner_id    TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  city        TEXT NOT NULL,
  country     TEXT NOT NULL,
  timezone    TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  logo_key    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE refresh_tokens (
  id         TEXT PRIMARY KEY,
  family_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT,
  revoked_at TEXT
) STRICT;
CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens(user_id);
)sql";

// seq is the rowid, declared so that VACUUM keeps it: the search index refers to coupons by it.
// The search index holds only active coupons; triggers keep it in step with coupons and hotel names.
constexpr std::string_view kCoupons = R"sql(
CREATE TABLE coupons (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  hotel_id         TEXT NOT NULL REFERENCES hotels(id) ON DELETE CASCADE,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  terms            TEXT NOT NULL DEFAULT '',
  discount_percent INTEGER NOT NULL CHECK (discount_percent BETWEEN 1 AND 100),
  quantity         INTEGER CHECK (quantity IS NULL OR quantity >= 1),
  redeemed_count   INTEGER NOT NULL DEFAULT 0 CHECK (redeemed_count >= 0),
  per_user_limit   INTEGER NOT NULL DEFAULT 1 CHECK (per_user_limit >= 1),
  valid_from       TEXT NOT NULL,
  valid_until      TEXT NOT NULL,
  valid_from_date  TEXT NOT NULL,
  valid_until_date TEXT NOT NULL,
  stay_from        TEXT,
  stay_until       TEXT,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'archived')),
  image_key        TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (quantity IS NULL OR redeemed_count <= quantity)
) STRICT;
CREATE INDEX coupons_by_hotel ON coupons(hotel_id, id);
CREATE INDEX coupons_by_status_newest ON coupons(status, id);
CREATE INDEX coupons_by_status_discount ON coupons(status, discount_percent, id);
CREATE INDEX coupons_by_status_ending ON coupons(status, valid_until, id);

CREATE VIRTUAL TABLE coupon_search USING fts5(
  title, description, hotel_name,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE TRIGGER coupons_search_insert AFTER INSERT ON coupons WHEN new.status = 'active' BEGIN
  INSERT INTO coupon_search (rowid, title, description, hotel_name)
  SELECT new.seq, new.title, new.description, h.name FROM hotels h WHERE h.id = new.hotel_id;
END;

CREATE TRIGGER coupons_search_update AFTER UPDATE OF title, description, status ON coupons BEGIN
  DELETE FROM coupon_search WHERE rowid = old.seq;
  INSERT INTO coupon_search (rowid, title, description, hotel_name)
  SELECT new.seq, new.title, new.description, h.name FROM hotels h
  WHERE h.id = new.hotel_id AND new.status = 'active';
END;

CREATE TRIGGER coupons_search_delete AFTER DELETE ON coupons BEGIN
  DELETE FROM coupon_search WHERE rowid = old.seq;
END;

CREATE TRIGGER hotels_search_rename AFTER UPDATE OF name ON hotels BEGIN
  DELETE FROM coupon_search WHERE rowid IN (SELECT seq FROM coupons WHERE hotel_id = new.id AND status = 'active');
  INSERT INTO coupon_search (rowid, title, description, hotel_name)
  SELECT c.seq, c.title, c.description, new.name FROM coupons c WHERE c.hotel_id = new.id AND c.status = 'active';
END;
)sql";

// A claim takes a unit and stores the redemption in one transaction; following a hotel remembers an explicit
// unfollow so that a later claim does not follow it again.
constexpr std::string_view kRedemptions = R"sql(
CREATE TABLE redemptions (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  coupon_id    TEXT NOT NULL REFERENCES coupons(id),
  hotel_id     TEXT NOT NULL REFERENCES hotels(id),
  user_id      TEXT NOT NULL REFERENCES users(id),
  code         TEXT NOT NULL UNIQUE,
  status       TEXT NOT NULL CHECK (status IN ('redeemed', 'used', 'cancelled')),
  redeemed_at  TEXT NOT NULL,
  used_at      TEXT,
  used_by      TEXT REFERENCES users(id),
  cancelled_at TEXT
) STRICT;
CREATE INDEX redemptions_by_user ON redemptions(user_id, id);
CREATE INDEX redemptions_by_coupon_user ON redemptions(coupon_id, user_id, status);

CREATE TABLE desk_events (
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  hotel_id       TEXT NOT NULL REFERENCES hotels(id),
  redemption_id  TEXT NOT NULL REFERENCES redemptions(id),
  action         TEXT NOT NULL CHECK (action IN ('use', 'undo')),
  actor_id       TEXT NOT NULL REFERENCES users(id),
  client_address TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  at             TEXT NOT NULL
) STRICT;
CREATE INDEX desk_events_by_hotel ON desk_events(hotel_id, id);

CREATE TABLE subscriptions (
  user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hotel_id TEXT NOT NULL REFERENCES hotels(id) ON DELETE CASCADE,
  state    TEXT NOT NULL CHECK (state IN ('following', 'unfollowed')),
  source   TEXT NOT NULL CHECK (source IN ('manual', 'redeem')),
  since    TEXT NOT NULL,
  PRIMARY KEY (user_id, hotel_id)
) STRICT;
CREATE INDEX subscriptions_by_hotel ON subscriptions(hotel_id, state);
)sql";

// The first answer to a request with an Idempotency-Key, kept 24 hours; status is NULL while it is in flight.
constexpr std::string_view kIdempotency = R"sql(
CREATE TABLE idempotency_keys (
  owner        TEXT NOT NULL,
  key          TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  status       INTEGER,
  content_type TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  PRIMARY KEY (owner, key)
) STRICT;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
)sql";

// Events are written in the same transaction as the change that causes them (the outbox); a background
// dispatcher turns each into inbox rows and marks it sent. Inbox rows are unique per event and user, so a
// dispatcher that runs an event twice (after a crash) adds nothing.
constexpr std::string_view kNotifications = R"sql(
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at    TEXT
) STRICT;
CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;

CREATE TABLE notifications (
  seq        INTEGER PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  event_id   TEXT NOT NULL,
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at    TEXT,
  UNIQUE (event_id, user_id)
) STRICT;
CREATE INDEX notifications_by_user ON notifications(user_id, seq);

-- The newest outbox event when the follow happened: events after it are news to this follower. Writers are
-- serialised, so this orders follows and events exactly, where times of one-second resolution cannot.
ALTER TABLE subscriptions ADD COLUMN after_event INTEGER NOT NULL DEFAULT 0;
)sql";

// Interactions are queued durably, folded every second (and soon after socket events are queued) into per-coupon,
// per-day counters (the day in the hotel's time zone) and deleted in the same transaction; a row may stand for
// several events (migration 9). Client event ids are remembered for a day, so a retried batch is counted once.
constexpr std::string_view kInteractions = R"sql(
CREATE TABLE interaction_queue (
  seq       INTEGER PRIMARY KEY,
  coupon_id TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('view', 'click', 'share', 'claim', 'use')),
  at        TEXT NOT NULL
) STRICT;

CREATE TABLE interaction_ids (
  id          TEXT PRIMARY KEY,
  received_at TEXT NOT NULL
) STRICT;
CREATE INDEX interaction_ids_by_age ON interaction_ids(received_at);

CREATE TABLE coupon_daily (
  coupon_id TEXT NOT NULL REFERENCES coupons(id) ON DELETE CASCADE,
  day       TEXT NOT NULL,
  views     INTEGER NOT NULL DEFAULT 0,
  clicks    INTEGER NOT NULL DEFAULT 0,
  shares    INTEGER NOT NULL DEFAULT 0,
  claims    INTEGER NOT NULL DEFAULT 0,
  uses      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (coupon_id, day)
) STRICT;
)sql";

// Report jobs. A worker takes a job with a lease; a job whose lease ran out (its worker died) is taken again.
// The file's key derives from the job's id, so running a job twice replaces the file instead of adding one.
constexpr std::string_view kReports = R"sql(
CREATE TABLE reports (
  id          TEXT PRIMARY KEY,
  owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hotel_id    TEXT NOT NULL REFERENCES hotels(id) ON DELETE CASCADE,
  period_from TEXT NOT NULL,
  period_to   TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('pdf', 'csv')),
  status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  run_after   TEXT NOT NULL,
  lease_until TEXT,
  error       TEXT NOT NULL DEFAULT '',
  object_key  TEXT NOT NULL DEFAULT '',
  size_bytes  INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX reports_by_owner ON reports(owner_id, id);
CREATE INDEX reports_pending ON reports(status, run_after) WHERE status IN ('queued', 'running');
)sql";

// Which worker holds a running job's lease, so that a worker restarting after a crash hands back its own jobs at
// once and leaves the other workers' alone (theirs are taken over only when their lease runs out).
constexpr std::string_view kReportWorkers = R"sql(
ALTER TABLE reports ADD COLUMN leased_by TEXT;
)sql";

// A queued row stands for `count` identical events: the socket events without an id that one pass of a node's
// batcher gathered for one coupon, action and minute are added up before they are queued, so a busy coupon costs a
// row per pass and action rather than a row per event, and the fold adds the count. Rows the server queues itself
// (a claim, a use) and events with an id (whose id is remembered) are one each; rows queued before this migration
// count one too.
constexpr std::string_view kInteractionCounts = R"sql(
ALTER TABLE interaction_queue ADD COLUMN count INTEGER NOT NULL DEFAULT 1 CHECK (count > 0);
)sql";

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

}  // namespace hc::sqlite
