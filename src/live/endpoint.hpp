#pragma once
// The conversation on /api/v1/ws (API.md, "WebSocket"): the first frame signs in; then the client gets
// `ready`, every notification it missed since `resume_after` in order, and live ones after that; it may send
// `interaction` frames and `ping`s. The token's expiry ends the socket with 4401, so the client signs in again.
#include "core/log.hpp"
#include "core/worker_pool.hpp"
#include "interactions/batcher.hpp"
#include "live/hub.hpp"
#include "net/dispatcher.hpp"
#include "net/websocket.hpp"
#include "notifications/repository.hpp"

namespace hc::live {

class SocketEndpoint final : public net::WebSocketEndpoint {
 public:
  SocketEndpoint(Hub& hub, const net::Authenticator& authenticator, notifications::NotificationRepository& inbox,
                 interactions::InteractionBatcher& interactions, WorkerPool& workers, Logger log)
      : hub_(hub),
        authenticator_(authenticator),
        inbox_(inbox),
        interactions_(interactions),
        workers_(workers),
        log_(std::move(log)) {}

  boost::asio::awaitable<void> converse(std::shared_ptr<net::WebSocketSession> session) override;
  //! A plain GET of the socket's address: 426, with how to upgrade.
  boost::asio::awaitable<net::Response> upgrade_required(net::RequestContext& ctx);

 private:
  //! Who signed in on a socket, and where the client asked to resume.
  struct SignedIn {
    Principal principal;
    std::optional<std::int64_t> resume_after;
  };
  //! Reads and checks the first frame; nullopt (and the socket closing) unless it signs in. A coroutine of its own
  //! so that the frame, its JSON and the token are freed once the client is known instead of staying in the
  //! conversation's frame for the socket's life (about 900 bytes per idle socket).
  boost::asio::awaitable<std::optional<SignedIn>> sign_in(net::WebSocketSession& session);
  //! Joins the hub, says ready, and sends what the client missed if it asked to resume; the socket then receives
  //! live, or nullptr (and the socket closing) if its inbox cannot be read. A coroutine of its own so that the
  //! replay's pages and state are freed once it is done.
  boost::asio::awaitable<std::shared_ptr<Subscriber>> go_live(const std::shared_ptr<net::WebSocketSession>& session,
                                                              const SignedIn& signed_in);
  //! Answers the frames of a signed-in client until the socket ends.
  boost::asio::awaitable<void> serve_signed_in(net::WebSocketSession& session, const Principal& principal);
  //! Answers one frame of a signed-in client.
  void answer(net::WebSocketSession& session, const Principal& principal, std::string_view text);

  Hub& hub_;
  const net::Authenticator& authenticator_;
  notifications::NotificationRepository& inbox_;
  interactions::InteractionBatcher& interactions_;
  WorkerPool& workers_;
  Logger log_;
};

}  // namespace hc::live
