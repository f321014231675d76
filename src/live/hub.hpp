#pragma once
// Who is connected to this node right now: the sockets of each signed-in user. The outbox dispatcher's
// deliveries reach them through here; a user with several sockets (phone and laptop) gets every notification
// on each.
#include "live/notification_frame.hpp"
#include "notifications/model.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace hc::live {

//! One connected socket receiving its user's notifications.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  //! Hands over one of a delivery's notifications, as the delivery's frame and its id in this user's inbox.
  //! Never blocks.
  virtual void deliver(const std::shared_ptr<const NotificationFrame>& frame, std::int64_t notification_id) = 0;
  //! Hands over a short-lived frame (a hint such as "your statistics changed": no inbox row, never replayed,
  //! dropped when the socket is not live yet). Never blocks.
  virtual void signal(const std::shared_ptr<const std::string>& frame) = 0;
  //! The node may have missed deliveries (the bus between nodes lost some): sends what the inbox holds after the
  //! last notification sent, then goes on live. Never blocks.
  virtual void catch_up() = 0;
};

class Hub final : public notifications::LiveChannel {
 public:
  void join(const std::string& user_id, const std::shared_ptr<Subscriber>& subscriber);
  void leave(const std::string& user_id, const Subscriber* subscriber);
  //! Hands each recipient's notification to that user's sockets on this node; others are skipped.
  void publish(std::shared_ptr<const notifications::Delivery> delivery) override;
  //! Hands the frame to every socket of these users on this node; others are skipped.
  void signal(const std::vector<std::string>& user_ids, const std::shared_ptr<const std::string>& frame);
  //! Has every socket on this node catch up (see Subscriber::catch_up).
  void catch_up_all();
  //! How many sockets have signed in.
  [[nodiscard]] std::size_t connected() const;

 private:
  void collect_sockets(const std::string& user_id, std::vector<std::shared_ptr<Subscriber>>& out) const;

  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::weak_ptr<Subscriber>>> by_user_;
  std::size_t connected_ = 0;
};

}  // namespace hc::live
