#pragma once
// What a process keeps in files and makes once: the access-token key (read from the configured file, or generated
// under the data folder) and the name of its report leases.
#include <filesystem>
#include <string>
#include <vector>

namespace hc::app {

//! Reads the key file (hex, or at least 32 raw bytes). When `generate_if_missing`, a missing file is created
//! with 32 random bytes, readable only by its owner. Throws std::runtime_error with a clear message otherwise.
std::vector<unsigned char> load_token_key(const std::filesystem::path& file, bool generate_if_missing);

//! The name this process's leases carry ("worker-" and 16 hex digits), made once in `file` and the same after every
//! restart, so that a restarted process knows its own jobs from those of the other processes on the same database.
std::string load_worker_name(const std::filesystem::path& file);

}  // namespace hc::app
