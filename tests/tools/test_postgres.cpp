// One throwaway PostgreSQL server for a whole test run, so that each test process need not start its own:
// scripts/test starts this, reads "<port> <password>" from its first line of output into HOTELCOUPON_TEST_POSTGRES,
// runs ctest, and closes this tool's standard input, which stops the server and removes its folder. Should the
// server end before that, its log goes to standard error, and the tests start servers of their own.
#include "postgres_server.hpp"

#include <poll.h>
#include <unistd.h>

#include <iostream>
#include <string>

namespace {

// Waits until standard input ends, looking every second whether the server still runs; false if it stopped.
bool serve_until_input_ends(hc::test::PostgresServer& server) {
  pollfd input{STDIN_FILENO, POLLIN, 0};
  char buffer[256];
  while (true) {
    if (!server.running()) return false;
    if (::poll(&input, 1, 1000) <= 0) continue;
    if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) return true;
  }
}

}  // namespace

int main() {
  try {
    hc::test::PostgresServer server;
    std::cout << server.port() << ' ' << server.password() << std::endl;
    if (serve_until_input_ends(server)) return 0;
    std::cerr << "test_postgres: the shared PostgreSQL server stopped; its log:\n" << server.log() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "test_postgres: " << e.what() << '\n';
    return 1;
  }
}
