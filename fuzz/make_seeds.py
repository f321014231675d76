#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/): valid requests, frames, codes and images
from API.md's examples and the unit tests, plus a few near misses. Run from anywhere; it replaces the seeds it
names and leaves any other file (a finding kept as a seed) alone."""
import pathlib
import struct
import zlib

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"


def write(target, name, data):
    folder = ROOT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


# --- HTTP requests: raw bytes as a client sends them.
def request(method, target, body="", headers=()):
    lines = [f"{method} {target} HTTP/1.1", "Host: localhost:8080"]
    lines += list(headers)
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body.encode())}"]
    return "\r\n".join(lines) + "\r\n\r\n" + body


USER = "Authorization: Bearer user-token"
HOTELIER = "Authorization: Bearer hotelier-token"
http = {
    "health": request("GET", "/healthz"),
    "openapi_head": request("HEAD", "/api/v1/openapi.json"),
    "register": request("POST", "/api/v1/auth/register",
                        '{"email":"ana@example.com","password":"correct horse","name":"Ana","role":"user"}'),
    "login": request("POST", "/api/v1/auth/login", '{"email":"ana@example.com","password":"correct horse"}'),
    "refresh_cookie": request("POST", "/api/v1/auth/refresh", headers=["Cookie: a=b; hc_refresh=abc.def", "Content-Length: 0"]),
    "me": request("GET", "/api/v1/me", headers=[USER, "X-Request-Id: req-1"]),
    "search": request("GET", "/api/v1/coupons?q=spa%20weekend&city=Lyon&min_discount=10&sort=relevance&limit=20",
                      headers=[USER]),
    "coupon_get": request("GET", "/api/v1/coupons/c_123", headers=[USER]),
    "coupon_create": request("POST", "/api/v1/coupons",
                             '{"title":"Spa","discount_percent":20,"valid_until":"2026-12-31","status":"active"}',
                             headers=[HOTELIER, "Idempotency-Key: k1"]),
    "coupon_edit_wrong_role": request("PATCH", "/api/v1/coupons/c_1", '{"status":"paused"}', headers=[USER]),
    "logo": "PUT /api/v1/hotels/mine/logo HTTP/1.1\r\nHost: x\r\n" + HOTELIER + "\r\nContent-Type: image/png\r\n"
            "Content-Length: 8\r\n\r\n\x89PNG\r\n\x1a\n",
    "desk_use": request("POST", "/api/v1/hotelier/redemptions/use", '{"code":"7KQ2-M9XD-4T1R"}', headers=[HOTELIER]),
    "preflight": request("OPTIONS", "/api/v1/coupons", headers=["Origin: http://localhost:8080",
                                                                  "Access-Control-Request-Method: POST"]),
    "method_not_allowed": request("DELETE", "/api/v1/me", headers=[USER]),
    "web_page": request("GET", "/wallet?x=1"),
    "ws_upgrade": request("GET", "/api/v1/ws", headers=["Upgrade: websocket", "Connection: Upgrade",
                                                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                                                        "Sec-WebSocket-Version: 13"]),
    "chunked": "POST /api/v1/interactions HTTP/1.1\r\nHost: x\r\n" + USER + "\r\nContent-Type: application/json\r\n"
               "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"events\":[]}   \r\n0\r\n\r\n",
    "pipelined": request("GET", "/healthz") + request("GET", "/readyz") + request("GET", "/metrics"),
    "forwarded": request("GET", "/api/v1/hotels/h_1", headers=[USER, "X-Forwarded-For: 198.51.100.1, 203.0.113.9"]),
    "expect_continue": request("POST", "/api/v1/me/notifications/read", '{"up_to":"42"}',
                               headers=[USER, "Expect: 100-continue"]),
    "too_large": "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n",
    "bad_query": request("GET", "/api/v1/coupons?q=%00%ff", headers=[USER]),
    "http10": "GET /healthz HTTP/1.0\r\n\r\n",
}
for name, data in http.items():
    write("http_request", name, data.encode("latin-1"))

# --- JSON bodies: the first byte picks the decoder (fuzz/json_bodies.cpp).
bodies = [
    (0, "register_user", '{"email":"ana@example.com","password":"correct horse","name":"Ana","role":"user"}'),
    (0, "register_hotelier", '{"email":"h@example.com","password":"pw pw pw pw","name":"Bo","role":"hotelier",'
                             '"hotel":{"name":"Hotel Lyon","city":"Lyon","country":"FR","timezone":"Europe/Paris",'
                             '"description":"By the river"}}'),
    (1, "login", '{"email":"ana@example.com","password":"correct horse"}'),
    (1, "login_extra", '{"email":"a","password":"b","role":"hotelier"}'),
    (2, "refresh", '{"refresh_token":"abc.def"}'),
    (2, "refresh_empty", ''),
    (3, "hotel_update", '{"name":"Hotel Lyon","timezone":"Europe/Paris","description":null}'),
    (4, "coupon_create", '{"title":"Spa weekend","description":"Two nights","terms":"Weekends","discount_percent":20,'
                         '"quantity":100,"per_user_limit":1,"valid_from":"2026-01-01","valid_until":"2026-12-31T23:59:59Z",'
                         '"stay_from":"2026-02-01","stay_until":"2026-03-01","status":"active"}'),
    (5, "coupon_edit", '{"quantity":null,"stay_from":null,"stay_until":null,"status":"paused"}'),
    (5, "coupon_edit_empty", '{}'),
    (6, "report", '{"from":"2026-01-01","to":"2026-01-31","format":"pdf"}'),
    (7, "read_up_to", '{"up_to":"42"}'),
    (7, "read_ids", '{"ids":["1","2","3"]}'),
    (8, "desk_code", '{"code":" 7kq2 m9xd 4t1r "}'),
    (9, "desk_reason", '{"reason":"Guest changed plans"}'),
    (10, "duplicate_key", '{"a":{"b":1,"b":2}}'),
    (4, "deep", '{"a":' * 40 + '1' + '}' * 40),
    (1, "duplicate_top", '{"email":"a","email":"b","password":"c"}'),
    (6, "utf8", '{"from":"2026-01-01","to":"\u00e9t\u00e9","format":"csv"}'),
]
for selector, name, body in bodies:
    write("json_bodies", name, bytes([selector]) + body.encode())

# --- WebSocket frames: first byte even = the first (sign-in) frame, odd = a signed-in client's frame.
frames = [
    (0, "auth", '{"type":"auth","token":"eyJ.a.b"}'),
    (0, "auth_resume", '{"type":"auth","token":"eyJ.a.b","resume_after":"17"}'),
    (0, "not_auth", '{"type":"ping"}'),
    (1, "ping", '{"type":"ping"}'),
    (1, "interaction", '{"type":"interaction","coupon_id":"c_1","action":"view"}'),
    (1, "interaction_full", '{"type":"interaction","id":"e-1","coupon_id":"c_1","action":"share","at":"2025-12-31T23:00:00Z"}'),
    (1, "renew", '{"type":"auth","token":"eyJ.c.d"}'),
    (1, "unknown", '{"type":"subscribe","hotel":"h_1"}'),
    (1, "not_json", 'ping'),
]
for selector, name, text in frames:
    write("websocket_frame", name, bytes([selector]) + text.encode())

# --- Coupon codes as people type them.
for name, code in {"canonical": "7KQ2-M9XD-4T1R", "lower_spaced": "7kq2 m9xd 4t1r", "crockford": "7KQ2-M9XD-4TIR",
                   "no_groups": "7KQ2M9XD4T1R", "u": "7KQ2-M9XD-4TUR", "short": "7KQ2-M9XD", "long": "7" * 64,
                   "zeros": "0000-0000-0000", "o_for_zero": "oooo-oooo-oooo"}.items():
    write("coupon_code", name, code)


# --- Images: the unit tests' builders (tests/support/test_images.cpp), byte for byte.
def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(w, h, body=True):
    ihdr = struct.pack(">II", w, h) + bytes([8, 0, 0, 0, 0])
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
    if body:
        out += png_chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    return out + png_chunk(b"IEND", b"")


def jpeg(w, h):
    out = bytes([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    out += bytes([0xFF, 0xDB, 0x00, 0x43, 0x00]) + bytes([1] * 64)
    out += bytes([0xFF, 0xC0, 0x00, 0x0B, 0x08]) + struct.pack(">HH", h, w) + bytes([1, 1, 0x11, 0])
    for table_class in (0x00, 0x10):
        out += bytes([0xFF, 0xC4, 0x00, 0x14, table_class, 0x01]) + bytes(15) + b"\x00"
    return out + bytes([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x3F, 0xFF, 0xD9])


def riff(chunks):
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + chunks


def webp_chunk(tag, payload):
    return tag + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")


VP8L = bytes([0x2F, 0, 0, 0, 0, 0x88, 0x88, 0xFE, 0x07])
images = {
    "png_1x1.png": png(1, 1), "png_header_only.png": png(640, 480, False), "jpeg_8x8.jpg": jpeg(8, 8),
    "jpeg_1024x768.jpg": jpeg(1024, 768), "webp_lossless.webp": riff(webp_chunk(b"VP8L", VP8L)),
    "webp_extended.webp": riff(webp_chunk(b"VP8X", bytes(4) + struct.pack("<I", 2999)[:3] + struct.pack("<I", 1999)[:3])
                               + webp_chunk(b"VP8L", VP8L)),
    "webp_lossy.webp": riff(webp_chunk(b"VP8 ", bytes([0x10, 0, 0, 0x9D, 0x01, 0x2A]) + struct.pack("<HH", 640, 480)
                                       + bytes(8))),
    "png_too_many_pixels.png": png(100000, 100000, False), "gif.gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
}
for name, data in images.items():
    write("image_sniff", name, data)

# --- Interaction batches (POST /interactions bodies).
batches = {
    "one": '{"events":[{"coupon_id":"c_1","action":"view"}]}',
    "mixed": '{"events":[{"id":"e1","coupon_id":"c_1","action":"click","at":"2025-12-31T12:00:00Z"},'
             '{"coupon_id":"c_2","action":"share"},{"coupon_id":"c_3","action":"claim"},17,'
             '{"coupon_id":"c_4","action":"view","extra":true}]}',
    "empty": '{"events":[]}',
    "future": '{"events":[{"coupon_id":"c_1","action":"view","at":"2030-01-01T00:00:00Z"}]}',
    "not_list": '{"events":{"coupon_id":"c_1"}}',
    "unknown_field": '{"events":[],"user_id":"u2"}',
    "offset_time": '{"events":[{"coupon_id":"c_1","action":"view","at":"2025-12-31T23:59:59+01:00"}]}',
}
for name, body in batches.items():
    write("interaction_batch", name, body)
