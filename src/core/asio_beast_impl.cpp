// Asio and Beast are compiled once, here, instead of in every file that uses them (separate compilation).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
