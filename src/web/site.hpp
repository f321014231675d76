#pragma once
// The built web app (a Vite output folder), read into memory once at start-up and served from there. Nothing
// on disk is opened after loading, so no request path, however it is spelled, can reach a file outside it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc::web {

//! One file of the site, ready to send.
struct File {
  std::string content_type;
  std::string cache_control;
  std::string body;
  std::string etag;                      // strong, quoted: a prefix of the SHA-256 of the body
  bool compressible = false;             // text: its answers vary with Accept-Encoding
  std::optional<std::string> gzip_body;  // for a compressible file that gzip makes smaller
  std::string gzip_etag;                 // the gzip body is another representation, with a tag of its own
};

struct SiteLimits {
  std::uintmax_t max_file_bytes = std::uintmax_t{8} * 1024 * 1024;  // a build output is far smaller
};

class Site {
 public:
  //! Reads every regular file under `folder`. Files over the limit and symlinks that lead outside the folder
  //! are left out and listed in skipped(); throws std::runtime_error when the folder cannot be read or has no
  //! index.html.
  static Site load(const std::filesystem::path& folder, SiteLimits limits = {});

  //! What answers a GET that no route takes, by its path as sent (percent-encoded, without the query): the
  //! file it names, else index.html when it is one of the app's own routes, else null (a 404).
  [[nodiscard]] const File* resolve(std::string_view raw_path) const;
  //! The app's entry page, served at / and for the app's own routes.
  [[nodiscard]] const File& index() const;
  [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }
  [[nodiscard]] std::size_t file_count() const { return files_.size(); }
  //! Files left out at load, each as "path: reason".
  [[nodiscard]] const std::vector<std::string>& skipped() const { return skipped_; }

 private:
  Site() = default;
  void add(std::string url_path, std::string body);

  std::filesystem::path folder_;
  std::map<std::string, File, std::less<>> files_;  // by decoded URL path: "/index.html", "/assets/app-1f2e.js"
  std::vector<std::string> skipped_;
};

//! The percent-decoded URL path, or nullopt when it is malformed or could name something outside the site:
//! no leading '/', a bad escape, a NUL, a backslash, or a "." or ".." segment.
std::optional<std::string> decode_url_path(std::string_view raw_path);

//! True for a path the app routes itself (/coupons/01ABC, /desk), which gets index.html: not under /api/,
//! /media/, /healthz, /readyz or /metrics, and no file extension in its last segment.
bool is_app_route(std::string_view path);

//! The Content-Type for a file name, by its extension (application/octet-stream when unknown).
std::string_view content_type_for(std::string_view file_name);

//! True for the text types worth compressing (html, js, css, svg, json, webmanifest, txt, map).
bool is_compressible(std::string_view file_name);

//! The Cache-Control of a file by its URL path: index.html is never stored, hashed assets are kept for a year,
//! anything else is revalidated.
std::string_view cache_control_for(std::string_view url_path);

//! True when an Accept-Encoding value accepts gzip (named, or through "*", with a q above 0).
bool accepts_gzip(std::string_view accept_encoding);

//! True when an If-None-Match value names the ETag or is "*" (weak comparison, as RFC 9110 asks of it).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace hc::web
