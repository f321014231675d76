// The text frames a client sends on /api/v1/ws, read as the socket's conversation reads them (live/frames.hpp):
// the first byte says whether this is the first frame (which must sign in) or one from a signed-in client (an
// interaction, a ping, a renewed auth, anything else); the rest is the frame's text.
#include "live/frames.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using namespace hc;

const SysSeconds kNow{std::chrono::seconds(1'767'225'600)};  // 2026-01-01

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1U) == 0) {
    const auto hello = live::read_hello_frame(text);
    if (!hello && hello.error().empty()) std::abort();  // the socket closes with a reason
    return 0;
  }
  const live::ClientFrame frame = live::read_client_frame(text, "u1", kNow);
  if (frame.interaction) {
    // An accepted event names a coupon and a known action, at a time not after now, and is scoped to its sender.
    const auto& event = *frame.interaction;
    if (event.coupon_id.empty() || event.coupon_id.size() > 64 || event.at > kNow) std::abort();
    if (event.action != "view" && event.action != "click" && event.action != "share") std::abort();
    if (event.id && !event.id->starts_with("u1:")) std::abort();
  }
  if (frame.kind != live::FrameKind::interaction && frame.interaction) std::abort();
  if (frame.kind != live::FrameKind::auth && frame.hello) std::abort();
  return 0;
}
