#include "data_dir.hpp"

namespace hc::test {

sqlite::Connection open_database(const std::filesystem::path& data_dir) {
  return sqlite::Connection({.path = (data_dir / "hotelcoupon.db").string(), .read_only = true});
}

}  // namespace hc::test
