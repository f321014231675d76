#include "net/response_writer.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/write.hpp>

#include <array>

namespace hc::net {

void compose_head(const Response& response, std::string& head) {
  head.clear();
  head += response.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  const unsigned status = response.result_int();
  head += static_cast<char>('0' + status / 100 % 10);
  head += static_cast<char>('0' + status / 10 % 10);
  head += static_cast<char>('0' + status % 10);
  head += ' ';
  head += response.reason();
  head += "\r\n";
  for (const auto& field : response) {
    head += field.name_string();
    head += ": ";
    head += field.value();
    head += "\r\n";
  }
  head += "\r\n";
}

boost::asio::awaitable<std::tuple<boost::beast::error_code, std::size_t>> write_response(
    boost::beast::tcp_stream& stream, const Response& response, std::string& head) {
  constexpr auto tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
  if (response.chunked()) co_return co_await http::async_write(stream, response, tuple);
  compose_head(response, head);
  const std::array<boost::asio::const_buffer, 2> buffers{boost::asio::buffer(head),
                                                         boost::asio::buffer(response.body())};
  co_return co_await boost::asio::async_write(stream, buffers, tuple);
}

}  // namespace hc::net
