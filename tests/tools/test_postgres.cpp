// One throwaway PostgreSQL server for a whole test run, so that each test process need not start its own:
// scripts/test starts this, reads "<port> <password>" from its first line of output into HOTELCOUPON_TEST_POSTGRES,
// runs ctest, and closes this tool's standard input, which stops the server and removes its folder.
#include "postgres_server.hpp"

#include <iostream>
#include <string>

int main() {
  try {
    hc::test::PostgresServer server;
    std::cout << server.port() << ' ' << server.password() << std::endl;
    for (std::string line; std::getline(std::cin, line);) {
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "test_postgres: " << e.what() << '\n';
    return 1;
  }
}
