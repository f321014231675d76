#include "web/site.hpp"

#include "core/encoding.hpp"
#include "core/text.hpp"

#include <zlib.h>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace hc::web {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kEtagHexDigits = 32;  // 128 bits of the SHA-256: no two builds' files collide
constexpr int kGzipLevel = 9;               // compressed once, at start-up, so the best ratio costs nothing later
constexpr int kGzipWindowBits = 15 + 16;    // the largest window, with a gzip header and trailer
constexpr int kGzipMemLevel = 8;

struct FileType {
  std::string_view extension;
  std::string_view content_type;
  bool compressible;
};

constexpr std::array kFileTypes{
    FileType{"html", "text/html; charset=utf-8", true},
    FileType{"js", "text/javascript; charset=utf-8", true},
    FileType{"mjs", "text/javascript; charset=utf-8", true},
    FileType{"css", "text/css; charset=utf-8", true},
    FileType{"svg", "image/svg+xml", true},
    FileType{"json", "application/json; charset=utf-8", true},
    FileType{"webmanifest", "application/manifest+json", true},
    FileType{"txt", "text/plain; charset=utf-8", true},
    FileType{"map", "application/json; charset=utf-8", true},
    FileType{"png", "image/png", false},
    FileType{"jpg", "image/jpeg", false},
    FileType{"jpeg", "image/jpeg", false},
    FileType{"webp", "image/webp", false},
    FileType{"ico", "image/x-icon", false},
    FileType{"woff2", "font/woff2", false},
};

// The type of a file by the extension of its last segment (case-insensitive), or null when it is not one of
// the site's types.
const FileType* file_type(std::string_view file_name) {
  const std::string_view last = file_name.substr(file_name.rfind('/') + 1);
  const auto dot = last.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  const std::string extension = ascii_lower(last.substr(dot + 1));
  const auto* found = std::find_if(kFileTypes.begin(), kFileTypes.end(),
                                   [&](const FileType& type) { return type.extension == extension; });
  return found == kFileTypes.end() ? nullptr : found;
}

// The items of a comma-separated header value, trimmed, empty ones left out.
std::vector<std::string_view> header_items(std::string_view value) {
  std::vector<std::string_view> items;
  while (true) {
    const auto comma = value.find(',');
    const std::string_view item = trim_spaces(value.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) return items;
    value.remove_prefix(comma + 1);
  }
}

// False when an Accept-Encoding item's parameters (after its ';') hold q=0, q=0.0 and the like.
bool q_above_zero(std::string_view parameters) {
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const std::string_view parameter = trim_spaces(parameters.substr(0, semicolon));
    if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
      const std::string_view q = trim_spaces(parameter.substr(2));
      return q.find_first_not_of("0.") != std::string_view::npos;
    }
    if (semicolon == std::string_view::npos) break;
    parameters.remove_prefix(semicolon + 1);
  }
  return true;
}

// gzip (RFC 1952) of the whole text in one pass.
std::string gzip(std::string_view text) {
  z_stream stream{};
  if (deflateInit2(&stream, kGzipLevel, Z_DEFLATED, kGzipWindowBits, kGzipMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: cannot start a gzip stream");
  }
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("zlib: gzip did not finish");
  return out;
}

std::string read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("web app: cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool is_inside(const fs::path& root, const fs::path& target) {
  const fs::path relative = target.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

Site Site::load(const fs::path& folder, SiteLimits limits) {
  std::error_code ec;
  const fs::path root = fs::canonical(folder, ec);
  if (ec) throw std::runtime_error("web app: cannot open " + folder.string() + ": " + ec.message());
  Site site;
  site.folder_ = root;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string relative = entry.path().lexically_relative(root).generic_string();
    std::error_code entry_ec;
    if (entry.is_symlink(entry_ec)) {
      const fs::path target = fs::canonical(entry.path(), entry_ec);
      if (entry_ec) continue;  // it leads nowhere
      if (!is_inside(root, target)) {
        site.skipped_.push_back(relative + ": a symlink that leads outside the folder");
        continue;
      }
    }
    if (!entry.is_regular_file(entry_ec)) continue;  // folders are walked; sockets and the like are no files
    const std::uintmax_t size = entry.file_size(entry_ec);
    if (entry_ec) {
      site.skipped_.push_back(relative + ": cannot read its size (" + entry_ec.message() + ")");
      continue;
    }
    if (size > limits.max_file_bytes) {
      site.skipped_.push_back(relative + ": larger than " + std::to_string(limits.max_file_bytes) + " bytes");
      continue;
    }
    site.add("/" + relative, read_whole_file(entry.path()));
  }
  if (ec) throw std::runtime_error("web app: cannot list " + root.string() + ": " + ec.message());
  if (!site.files_.contains("/index.html"))
    throw std::runtime_error("web app: " + root.string() + " has no index.html");
  return site;
}

void Site::add(std::string url_path, std::string body) {
  File file;
  file.content_type = content_type_for(url_path);
  file.cache_control = cache_control_for(url_path);
  file.compressible = is_compressible(url_path);
  const std::string digest = sha256_hex({body}).substr(0, kEtagHexDigits);
  file.etag = "\"" + digest + "\"";
  if (file.compressible) {
    std::string packed = gzip(body);
    if (packed.size() < body.size()) {
      file.gzip_body = std::move(packed);
      file.gzip_etag = "\"" + digest + "-gzip\"";
    }
  }
  file.body = std::move(body);
  files_.insert_or_assign(std::move(url_path), std::move(file));
}

const File* Site::resolve(std::string_view raw_path) const {
  const auto path = decode_url_path(raw_path);
  if (!path) return nullptr;
  if (const auto it = files_.find(*path); it != files_.end()) return &it->second;
  return is_app_route(*path) ? &index() : nullptr;
}

const File& Site::index() const { return files_.find("/index.html")->second; }

std::optional<std::string> decode_url_path(std::string_view raw_path) {
  if (!raw_path.starts_with('/')) return std::nullopt;
  const auto checked = boost::urls::make_pct_string_view(raw_path);
  if (!checked) return std::nullopt;
  std::string path;
  path.reserve(checked->decoded_size());
  for (const char c : checked->decode()) {
    if (c == '\0' || c == '\\') return std::nullopt;
    path.push_back(c);
  }
  for (std::string_view rest = path; !rest.empty();) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") return std::nullopt;
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  }
  return path;
}

bool is_app_route(std::string_view path) {
  for (const std::string_view served : {"/api", "/media", "/healthz", "/readyz", "/metrics"}) {
    if (path.starts_with(served) && (path.size() == served.size() || path[served.size()] == '/')) return false;
  }
  const std::string_view last = path.substr(path.rfind('/') + 1);
  return last.find('.') == std::string_view::npos;
}

std::string_view content_type_for(std::string_view file_name) {
  const FileType* type = file_type(file_name);
  return type != nullptr ? type->content_type : "application/octet-stream";
}

bool is_compressible(std::string_view file_name) {
  const FileType* type = file_type(file_name);
  return type != nullptr && type->compressible;
}

std::string_view cache_control_for(std::string_view url_path) {
  // index.html names the hashed assets of the current build: a browser must fetch it again on every visit.
  if (url_path == "/index.html") return "no-store";
  if (url_path.starts_with("/assets/")) return "public, max-age=31536000, immutable";
  return "no-cache";
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> any;
  for (const std::string_view item : header_items(accept_encoding)) {
    const auto semicolon = item.find(';');
    const std::string coding = ascii_lower(trim_spaces(item.substr(0, semicolon)));
    const std::string_view parameters = semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1);
    if (coding == "gzip" || coding == "x-gzip") return q_above_zero(parameters);
    if (coding == "*") any = q_above_zero(parameters);
  }
  return any.value_or(false);
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  const auto opaque = [](std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; };
  if (trim_spaces(if_none_match) == "*") return true;
  const auto items = header_items(if_none_match);
  return std::any_of(items.begin(), items.end(), [&](std::string_view item) { return opaque(item) == opaque(etag); });
}

}  // namespace hc::web
