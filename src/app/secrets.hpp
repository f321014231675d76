#pragma once
// The access-token key: read from the configured file, or generated once under the data folder.
#include <filesystem>
#include <vector>

namespace hc::app {

//! Reads the key file (hex, or at least 32 raw bytes). When `generate_if_missing`, a missing file is created
//! with 32 random bytes, readable only by its owner. Throws std::runtime_error with a clear message otherwise.
std::vector<unsigned char> load_token_key(const std::filesystem::path& file, bool generate_if_missing);

}  // namespace hc::app
