#include "app/cli.hpp"

int main(int argc, char** argv) { return hc::app::run_cli(argc, argv); }
