#pragma once
// The outbox and the inbox in storage; calls block and are made from the worker pool.
#include "notifications/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hc::notifications {

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  //! The oldest events not yet delivered.
  virtual std::vector<OutboxEvent> unsent(std::size_t limit) = 0;
  //! In one transaction: an inbox row for every follower of the hotel (none twice for one event) and the event
  //! marked sent. Runs in the background, however many followers there are. Returns every inbox row of the event.
  virtual std::vector<Recipient> deliver_to_followers(const OutboxEvent& event, std::string_view hotel_id, const Content& content,
                                    SysSeconds now) = 0;
  //! In one transaction: an inbox row for one user (not twice for one event) and the event marked sent.
  //! Returns the event's inbox row.
  virtual std::vector<Recipient> deliver_to_user(const OutboxEvent& event, std::string_view user_id, const Content& content,
                               SysSeconds now) = 0;
  //! Marks an event that cannot be delivered (malformed) as sent, so it never blocks the others.
  virtual void discard(const OutboxEvent& event, SysSeconds now) = 0;
  //! A user's notifications, newest first, before the given id.
  virtual std::vector<Notification> list(std::string_view user_id, bool unread_only,
                                         const std::optional<std::int64_t>& before, std::size_t limit) = 0;
  //! A user's notifications after the given id, oldest first (what a reconnecting client missed).
  virtual std::vector<Notification> after(std::string_view user_id, std::int64_t after, std::size_t limit) = 0;
  //! Marks as read every notification of the user up to and including an id.
  virtual void mark_read_up_to(std::string_view user_id, std::int64_t up_to, SysSeconds now) = 0;
  //! Marks as read the listed notifications of the user (others' ids are ignored).
  virtual void mark_read(std::string_view user_id, const std::vector<std::int64_t>& ids, SysSeconds now) = 0;
};

}  // namespace hc::notifications
