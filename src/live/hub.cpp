#include "live/hub.hpp"

#include <algorithm>

namespace hc::live {

void Hub::join(const std::string& user_id, const std::shared_ptr<Subscriber>& subscriber) {
  const std::lock_guard lock(mutex_);
  by_user_[user_id].push_back(subscriber);
  ++connected_;
}

void Hub::leave(const std::string& user_id, const Subscriber* subscriber) {
  const std::lock_guard lock(mutex_);
  const auto found = by_user_.find(user_id);
  if (found == by_user_.end()) return;
  auto& sockets = found->second;
  const auto gone = std::remove_if(sockets.begin(), sockets.end(), [subscriber](const auto& weak) {
    const auto socket = weak.lock();
    return socket == nullptr || socket.get() == subscriber;
  });
  connected_ -= static_cast<std::size_t>(sockets.end() - gone);
  sockets.erase(gone, sockets.end());
  if (sockets.empty()) by_user_.erase(found);
}

// Call with the lock held: the live sockets of one user on this node.
void Hub::collect_sockets(const std::string& user_id, std::vector<std::shared_ptr<Subscriber>>& out) const {
  const auto found = by_user_.find(user_id);
  if (found == by_user_.end()) return;
  for (const auto& weak : found->second) {
    if (auto socket = weak.lock()) out.push_back(std::move(socket));
  }
}

void Hub::publish(std::shared_ptr<const notifications::Delivery> delivery) {
  // Find the online recipients under the lock; hand over outside it, so a join or leave never waits long.
  std::vector<std::pair<std::shared_ptr<Subscriber>, std::int64_t>> online;
  {
    const std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<Subscriber>> sockets;
    for (const notifications::Recipient& recipient : delivery->recipients) {
      sockets.clear();
      collect_sockets(recipient.user_id, sockets);
      for (auto& socket : sockets) online.emplace_back(std::move(socket), recipient.notification_id);
    }
  }
  if (online.empty()) return;
  const auto frame = std::make_shared<const NotificationFrame>(*delivery);  // once for every recipient
  for (const auto& [socket, id] : online) socket->deliver(frame, id);
}

void Hub::signal(const std::vector<std::string>& user_ids, const std::shared_ptr<const std::string>& frame) {
  std::vector<std::shared_ptr<Subscriber>> online;
  {
    const std::lock_guard lock(mutex_);
    for (const std::string& user_id : user_ids) collect_sockets(user_id, online);
  }
  for (const auto& socket : online) socket->signal(frame);
}

void Hub::catch_up_all() {
  std::vector<std::shared_ptr<Subscriber>> online;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [user_id, sockets] : by_user_) collect_sockets(user_id, online);
  }
  for (const auto& socket : online) socket->catch_up();
}

std::size_t Hub::connected() const {
  const std::lock_guard lock(mutex_);
  return connected_;
}

}  // namespace hc::live
