#pragma once
// The search scenario's query mix, shared with the ingest scenario, which measures search latency while sockets
// flood the server with interaction frames.
#include <cstdint>
#include <string>

namespace hc::bench {

//! The n-th target of the mix (path and query string): a third common words, a quarter prefixes (the last word
//! matches as a prefix, as typed), a few rare words, and filters with and without words. `n` varies the rare word.
std::string search_query(std::uint64_t n);

}  // namespace hc::bench
