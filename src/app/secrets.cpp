#include "app/secrets.hpp"

#include "core/encoding.hpp"
#include "core/random.hpp"
#include "core/text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace hc::app {
namespace {

constexpr std::size_t kKeyBytes = 32;

void write_private_file(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::filesystem::permissions(file.parent_path(), std::filesystem::perms::owner_all);
  // O_EXCL: two processes starting at once must not both write a key; the loser reads the winner's.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) return;
    throw std::runtime_error("cannot create " + file.string());
  }
  const auto written = ::write(fd, text.data(), text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size()) || !synced) {
    throw std::runtime_error("cannot write " + file.string());
  }
}

}  // namespace

std::vector<unsigned char> load_token_key(const std::filesystem::path& file, bool generate_if_missing) {
  if (!std::filesystem::exists(file)) {
    if (!generate_if_missing) throw std::runtime_error("the token key file " + file.string() + " does not exist");
    write_private_file(file, hex_encode(random_bytes(kKeyBytes)) + "\n");
  }
  std::ifstream in(file, std::ios::binary);
  const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string_view trimmed = trim_spaces(content);
  if (auto decoded = hex_decode(trimmed); decoded && decoded->size() >= kKeyBytes) return *decoded;
  if (trimmed.size() >= kKeyBytes) return {trimmed.begin(), trimmed.end()};
  throw std::runtime_error("the token key in " + file.string() + " is shorter than 32 bytes");
}

std::string load_worker_name(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) write_private_file(file, "worker-" + hex_encode(random_bytes(8)) + "\n");
  std::ifstream in(file);
  std::string name;
  std::getline(in, name);
  name = std::string(trim_spaces(name));
  if (name.empty()) throw std::runtime_error(file.string() + " names no worker: remove it and start again");
  return name;
}

}  // namespace hc::app
