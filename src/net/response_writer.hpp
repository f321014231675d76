#pragma once
// Answers go on the wire in one gathered write of two buffers: the status line and fields, composed here into one
// string, and the body as it is. Beast's serializer gets there through nested buffer views whose walking cost a
// tenth of a small exchange's time; every answer the dispatcher prepares has its length set and no chunks, so
// none of that machinery is needed.
#include "net/http.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <string>
#include <tuple>

namespace hc::net {

//! The status line and the fields of an answer as HTTP/1.x puts them on the wire, with the blank line after them,
//! in `head` (which is cleared first and keeps its storage).
void compose_head(const Response& response, std::string& head);

//! Writes the answer: head then body, one write. A chunked answer (none is prepared today) goes through Beast.
boost::asio::awaitable<std::tuple<boost::beast::error_code, std::size_t>> write_response(
    boost::beast::tcp_stream& stream, const Response& response, std::string& head);

}  // namespace hc::net
