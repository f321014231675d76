#pragma once
// The outbox and the inbox on PostgreSQL (events are appended with append_outbox, events.hpp).
#include "notifications/repository.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

class PostgresNotificationRepository final : public notifications::NotificationRepository {
 public:
  explicit PostgresNotificationRepository(ConnectionPool& pool) : pool_(pool) {}

  std::vector<notifications::OutboxEvent> unsent(std::size_t limit) override;
  std::vector<notifications::Recipient> deliver_to_followers(const notifications::OutboxEvent& event,
                                                             std::string_view hotel_id,
                                                             const notifications::Content& content,
                                                             SysSeconds now) override;
  std::vector<notifications::Recipient> deliver_to_user(const notifications::OutboxEvent& event,
                                                        std::string_view user_id, const notifications::Content& content,
                                                        SysSeconds now) override;
  void discard(const notifications::OutboxEvent& event, SysSeconds now) override;
  std::vector<notifications::Notification> list(std::string_view user_id, bool unread_only,
                                                const std::optional<std::int64_t>& before, std::size_t limit) override;
  std::vector<notifications::Notification> after(std::string_view user_id, std::int64_t after,
                                                 std::size_t limit) override;
  void mark_read_up_to(std::string_view user_id, std::int64_t up_to, SysSeconds now) override;
  void mark_read(std::string_view user_id, const std::vector<std::int64_t>& ids, SysSeconds now) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace hc::postgres
