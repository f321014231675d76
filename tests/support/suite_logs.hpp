#pragma once
// What a whole test run leaves for the log check after it (tests/tools/log_check.cpp, run by scripts/test):
// every server log, the secrets the tests saw go over the wire (which must never reach a log), and every refusal
// (401, 403, 429) they were given, which must each be in a log with its route, client address and request id.
//
// All of it goes under the folder HC_TEST_LOGS names; without it (a test run by hand) nothing is kept.
//   servers/<test>.<pid>.<n>.log   one server process's whole output
//   witness/<pid>.txt              lines "secret <text>" and "refused <status> <request id>"
#include <filesystem>
#include <string_view>

namespace hc::test {

//! Keeps a copy of a finished server's log, named after the running test.
void keep_server_log(const std::filesystem::path& log_file);

//! Notes a secret (a password, token or coupon code) that went over the wire.
void witness_secret(std::string_view secret);

//! Notes that a server refused a request with this status (401, 403 or 429) and request id.
void witness_refusal(unsigned status, std::string_view request_id);

}  // namespace hc::test
