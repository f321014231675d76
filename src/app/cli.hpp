#pragma once

namespace hc::app {

//! The `hotelcoupon` command line: serve | migrate | seed-demo | --help | --version. Returns the exit code.
int run_cli(int argc, char** argv);

}  // namespace hc::app
