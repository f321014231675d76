#include "live/endpoint.hpp"

#include "live/frames.hpp"
#include "live/notification_frame.hpp"
#include "net/responses.hpp"
#include "notifications/json.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <exception>
#include <mutex>

namespace hc::live {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

constexpr auto kAuthDeadline = 10s;
constexpr std::size_t kReplayPage = 200;
constexpr std::size_t kMaxHeldBack = 10'000;
constexpr std::string_view kRoute = "/api/v1/ws";  // for the log: the route the socket came in on

std::string frame(json::object message) { return json::serialize(message); }

std::string error_frame(std::string_view code, std::string_view message) {
  return frame({{"type", "error"}, {"error", {{"code", code}, {"message", message}}}});
}

std::chrono::steady_clock::duration until(SysSeconds at) {
  return std::max(std::chrono::steady_clock::duration::zero(),
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(at - Clock::now()));
}

// The id of the user's newest notification, or 0 when the inbox is empty.
std::int64_t newest_notification(notifications::NotificationRepository& inbox, const std::string& user_id) {
  const auto newest = inbox.list(user_id, false, std::nullopt, 1);
  if (newest.empty()) return 0;
  return notifications::parse_notification_id(newest.front().id).value_or(0);
}

// Where a socket reads what it missed: the user's inbox, on the worker pool.
struct Inbox {
  notifications::NotificationRepository& repository;
  WorkerPool& workers;
  const Logger& log;
};

// One signed-in socket as the hub sees it. Live notifications that arrive while the missed ones are being
// replayed are held back, then sent in order after them; an id already sent is never sent twice.
class LiveSocket final : public Subscriber, public std::enable_shared_from_this<LiveSocket> {
 public:
  LiveSocket(std::shared_ptr<net::WebSocketSession> session, std::string user_id, std::int64_t last_sent,
             Inbox inbox)
      : session_(std::move(session)), user_id_(std::move(user_id)), inbox_(inbox), last_sent_(last_sent) {}

  void deliver(const std::shared_ptr<const NotificationFrame>& frame, std::int64_t id) override {
    const std::lock_guard lock(mutex_);
    if (!live_) {
      if (held_back_.size() >= kMaxHeldBack) {
        session_->abort();  // a client this far behind is better off reconnecting with resume_after
        return;
      }
      held_back_.emplace_back(id, frame);
      return;
    }
    send_if_new(id, *frame);
  }

  void signal(const std::shared_ptr<const std::string>& frame) override {
    const std::lock_guard lock(mutex_);
    // A hint, not a record: one that comes while the socket is still replaying is dropped (the dashboard also
    // polls slowly, so a lost hint only delays it).
    if (live_) session_->send(*frame);
  }

  void catch_up() override {
    const std::lock_guard lock(mutex_);
    if (!live_) {
      // A replay is under way, but it may have read its last page before the gap began: another follows it.
      catch_up_pending_ = true;
      return;
    }
    live_ = false;
    start_replay();
  }

  //! Sends one missed notification, during the replay.
  void replay(const notifications::Notification& notification, std::int64_t id) {
    const std::lock_guard lock(mutex_);
    if (id <= last_sent_) return;
    last_sent_ = id;
    session_->send(notification_frame(notification));
  }

  //! Ends the replay: what was held back goes out, in order, and live ones follow as they come (unless a gap in
  //! the bus ended meanwhile: then another replay runs first).
  void go_live() {
    const std::lock_guard lock(mutex_);
    if (std::exchange(catch_up_pending_, false)) {
      start_replay();
      return;
    }
    std::sort(held_back_.begin(), held_back_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [id, frame] : held_back_) send_if_new(id, *frame);
    held_back_.clear();
    live_ = true;
  }

 private:
  void send_if_new(std::int64_t id, const NotificationFrame& frame) {
    if (id <= last_sent_) return;
    last_sent_ = id;
    session_->send(frame.with_id(id));
  }

  // With mutex_ held and the socket not live: the inbox after the last notification sent, on a worker thread.
  void start_replay() {
    inbox_.workers.post([self = shared_from_this(), after = last_sent_] { self->replay_from_inbox(after); });
  }

  // On a worker thread: the notifications after `after`, page by page, then live again. A client whose inbox
  // cannot be read now is better off reconnecting later with resume_after than going on with a hole.
  void replay_from_inbox(std::int64_t after) noexcept {
    try {
      for (bool more = true; more;) {
        const auto page = inbox_.repository.after(user_id_, after, kReplayPage);
        for (const notifications::Notification& notification : page) {
          after = notifications::parse_notification_id(notification.id).value_or(after);
          replay(notification, after);
        }
        more = page.size() == kReplayPage;
      }
      go_live();
    } catch (const std::exception& e) {
      inbox_.log.warn("socket catch-up failed; the client will resume", {{"what", std::string_view(e.what())}});
      session_->abort();
    }
  }

  std::shared_ptr<net::WebSocketSession> session_;
  const std::string user_id_;
  const Inbox inbox_;
  std::mutex mutex_;
  std::int64_t last_sent_;
  bool live_ = false;
  bool catch_up_pending_ = false;  // a gap in the bus ended while a replay ran
  std::vector<std::pair<std::int64_t, std::shared_ptr<const NotificationFrame>>> held_back_;
};

}  // namespace

boost::asio::awaitable<std::optional<SocketEndpoint::SignedIn>> SocketEndpoint::sign_in(
    net::WebSocketSession& session) {
  session.close_after(kAuthDeadline, net::close_code::auth_timeout, "no auth frame within 10 seconds");
  const auto first = co_await session.receive();
  if (!first) co_return std::nullopt;
  // A refused sign-in is the socket's 401: it stays in the log at --log-level warn, as refused requests do.
  const auto refuse = [&](std::uint16_t code, std::string_view reason) {
    log_.warn("socket sign-in refused", {{"route", kRoute}, {"client", session.client_address()},
                                         {"close_code", std::uint64_t{code}}, {"reason", reason}});
    session.close(code, std::string(reason));
  };
  auto hello = read_hello_frame(*first);
  if (!hello) {
    refuse(net::close_code::policy_violation, hello.error());
    co_return std::nullopt;
  }
  auto principal = authenticator_.authenticate(hello->token);
  if (!principal) {
    refuse(net::close_code::unauthorized, "the token is invalid or has expired; sign in again");
    co_return std::nullopt;
  }
  co_return SignedIn{std::move(*principal), hello->resume_after};
}

boost::asio::awaitable<void> SocketEndpoint::converse(std::shared_ptr<net::WebSocketSession> session) {
  auto signed_in = co_await sign_in(*session);
  if (!signed_in) co_return;
  const Principal& principal = signed_in->principal;
  std::shared_ptr<Subscriber> socket;
  try {
    socket = co_await go_live(session, *signed_in);
    if (socket) co_await serve_signed_in(*session, principal);
  } catch (const std::exception& e) {
    log_.error("socket conversation failed", {{"what", std::string_view(e.what())}});
    session->close(net::close_code::internal_error, "something went wrong on our side; reconnect");
  }
  if (socket) hub_.leave(principal.user_id, socket.get());
  if (session->cut_off()) log_.warn("socket cut off: its client did not read", {{"client", session->client_address()}});
}

boost::asio::awaitable<std::shared_ptr<Subscriber>> SocketEndpoint::go_live(
    const std::shared_ptr<net::WebSocketSession>& session, const SignedIn& signed_in) {
  const Principal& principal = signed_in.principal;
  const std::optional<std::int64_t> resume_after = signed_in.resume_after;
  // Without resume_after the client has what it wants up to now: a catch-up after a gap in the bus starts from the
  // newest notification, not from the first.
  std::int64_t last_sent = resume_after.value_or(0);
  if (!resume_after) {
    try {
      last_sent = co_await workers_.run([&] { return newest_notification(inbox_, principal.user_id); });
    } catch (const std::exception& e) {
      log_.error("socket sign-in failed", {{"what", std::string_view(e.what())}});
      session->close(net::close_code::internal_error, "something went wrong on our side; reconnect");
      co_return nullptr;
    }
  }
  auto socket = std::make_shared<LiveSocket>(session, principal.user_id, last_sent, Inbox{inbox_, workers_, log_});
  hub_.join(principal.user_id, socket);
  std::exception_ptr failed;
  try {
    session->close_after(until(principal.expires_at), net::close_code::unauthorized, "the token has expired");
    session->send(frame({{"type", "ready"}}));
    if (resume_after) {
      std::int64_t after = *resume_after;
      for (bool more = true; more;) {
        const auto page = co_await workers_.run([&] { return inbox_.after(principal.user_id, after, kReplayPage); });
        for (const notifications::Notification& notification : page) {
          after = notifications::parse_notification_id(notification.id).value_or(after);
          socket->replay(notification, after);
        }
        // Page by page, each once the last is written: a long absence never floods the queue.
        more = page.size() == kReplayPage && co_await session->drained();
      }
    }
    socket->go_live();
  } catch (...) {
    failed = std::current_exception();
  }
  if (!failed) co_return socket;
  hub_.leave(principal.user_id, socket.get());  // the conversation that would leave never starts
  std::rethrow_exception(failed);
}

boost::asio::awaitable<void> SocketEndpoint::serve_signed_in(net::WebSocketSession& session,
                                                             const Principal& principal) {
  while (const auto text = co_await session.receive()) answer(session, principal, *text);
}

// Not a coroutine: what answering a frame needs lives on the stack for the moment it takes, not in the frame of the
// conversation, which lasts as long as the socket.
void SocketEndpoint::answer(net::WebSocketSession& session, const Principal& principal, std::string_view text) {
  ClientFrame message = read_client_frame(text, principal.user_id, to_seconds(Clock::now()));
  switch (message.kind) {
    case FrameKind::malformed_json:
      session.send(error_frame("malformed_json", "a frame must be one JSON object"));
      break;
    case FrameKind::interaction:
      // Answered by nothing: gathered and queued in the background, or dropped and counted when malformed.
      if (message.interaction)
        interactions_.add(std::move(*message.interaction));
      else
        interactions_.add_malformed();
      break;
    case FrameKind::ping:
      session.send(frame({{"type", "pong"}}));
      break;
    case FrameKind::auth: {
      // A fresh token for the same account extends the socket's life; no need to reconnect.
      const auto renewed =
          authenticator_.authenticate(message.hello ? std::string_view(message.hello->token) : std::string_view{});
      if (!renewed || renewed->user_id != principal.user_id) {
        session.close(net::close_code::unauthorized, "the token is invalid or belongs to another account");
        break;
      }
      session.close_after(until(renewed->expires_at), net::close_code::unauthorized, "the token has expired");
      session.send(frame({{"type", "ready"}}));
      break;
    }
    case FrameKind::unknown:
      session.send(error_frame("bad_request", "unknown frame type; expected interaction, ping or auth"));
      break;
  }
}

boost::asio::awaitable<net::Response> SocketEndpoint::upgrade_required(net::RequestContext& ctx) {
  net::Response response = net::error_response(ctx, make_error(Errc::upgrade_required));
  response.set(net::http::field::upgrade, "websocket");
  response.set(net::http::field::connection, "Upgrade");
  co_return response;
}

}  // namespace hc::live
