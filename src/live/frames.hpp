#pragma once
// What a client's text frame on /api/v1/ws says (API.md, "WebSocket"), read from its bytes alone: the socket's
// conversation (endpoint.cpp) acts on it, and the fuzz target reads frames the same way.
#include "core/result.hpp"
#include "core/time.hpp"
#include "interactions/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hc::live {

//! {"type": "auth", "token": "...", "resume_after": "<notification id>"?}
struct Hello {
  std::string token;
  std::optional<std::int64_t> resume_after;
};

//! The first frame of a socket, which must sign in; else the reason the socket closes.
Result<Hello, std::string> read_hello_frame(std::string_view text);

enum class FrameKind { malformed_json, interaction, ping, auth, unknown };

//! A frame from a signed-in client.
struct ClientFrame {
  FrameKind kind = FrameKind::unknown;
  std::optional<interactions::Interaction> interaction;  // interaction: the event; nullopt when it is malformed
  std::optional<Hello> hello;                            // auth: the new token; nullopt when the frame has none
};

//! Reads a signed-in client's frame; `sender` and `now` are the interaction reader's (client_event.hpp).
ClientFrame read_client_frame(std::string_view text, std::string_view sender, SysSeconds now);

}  // namespace hc::live
