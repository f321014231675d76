#include "storage/migration.hpp"

#include <stdexcept>
#include <string>

namespace hc::storage {

void check_migration_order(std::span<const Migration> migrations) {
  int previous = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= previous) {
      throw std::invalid_argument("apply_migrations: version " + std::to_string(migration.version) +
                                  " must be positive and greater than the one before it");
    }
    previous = migration.version;
  }
}

}  // namespace hc::storage
