#pragma once
// Following hotels on PostgreSQL.
#include "storage/postgres/pool.hpp"
#include "subscriptions/repository.hpp"

namespace hc::postgres {

class PostgresSubscriptionRepository final : public subscriptions::SubscriptionRepository {
 public:
  explicit PostgresSubscriptionRepository(ConnectionPool& pool) : pool_(pool) {}

  std::optional<subscriptions::Subscription> follow(std::string_view user_id, std::string_view hotel_id,
                                                    SysSeconds now) override;
  bool unfollow(std::string_view user_id, std::string_view hotel_id, SysSeconds now) override;
  std::vector<subscriptions::Subscription> following(std::string_view user_id,
                                                     const std::optional<subscriptions::Subscription>& after,
                                                     std::size_t limit) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace hc::postgres
