#pragma once
// The bus that carries live frames between nodes: every node subscribes once, and whatever any node (a `serve`
// or a `worker`) publishes reaches the handler of every node, which hands it to the sockets connected there
// (live::Hub). It carries only what goes out live; the inboxes are already written when a delivery is published,
// so a frame that is lost on the way is found again by a client that resumes with `resume_after`.
#include "notifications/model.hpp"

#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace hc::bus {

//! A short-lived frame for some users' sockets, with no inbox row (e.g. {"type":"stats.changed"}).
struct Signal {
  std::vector<std::string> user_ids;
  std::string frame;
};

//! What travels on the bus: a delivery whose notifications are in the inboxes, or a signal. Never null.
using LiveMessage =
    std::variant<std::shared_ptr<const notifications::Delivery>, std::shared_ptr<const Signal>>;

class LiveBus {
 public:
  //! Called once per message; must not block and must be thread-safe (see each bus for its thread).
  using Handler = std::function<void(const LiveMessage&)>;

  virtual ~LiveBus() = default;

  //! Hands the message to every subscribed node. Throws when it cannot (the bus is unreachable), so the caller
  //! can try again later; a null message is the caller's mistake (std::invalid_argument).
  virtual void publish(const LiveMessage& message) = 0;
  //! Adds this node's handler (once per node): it gets every message published after subscribe returns, in the
  //! order each publisher published them. A handler that throws is logged and the others still run.
  virtual void subscribe(Handler handler) = 0;
  //! Adds a handler for the moments after this node may have missed messages (its subscription broke and is back):
  //! the node then catches its sockets up from the inboxes. A bus that cannot miss messages never calls it.
  virtual void on_gap(std::function<void()> handler) { (void)handler; }
};

}  // namespace hc::bus
