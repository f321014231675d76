#pragma once
// One forward-only schema migration, as every storage backend lists them.
#include <span>
#include <string_view>

namespace hc::storage {

struct Migration {
  int version;  // 1, 2, 3, ...; 0 means "no schema"
  std::string_view name;
  std::string_view sql;
};

//! Throws std::invalid_argument unless the versions are positive and strictly increasing.
void check_migration_order(std::span<const Migration> migrations);

}  // namespace hc::storage
