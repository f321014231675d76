#pragma once
// The server's data folder read from outside, while the server is stopped: what it committed to its database.
#include "storage/sqlite/connection.hpp"

#include <filesystem>

namespace hc::test {

//! The database file of a data folder, opened read-only.
sqlite::Connection open_database(const std::filesystem::path& data_dir);

}  // namespace hc::test
