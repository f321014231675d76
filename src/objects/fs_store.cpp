#include "objects/fs_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "core/random.hpp"

namespace hc::objects {
namespace {

constexpr std::string_view kTypeSuffix = ".type";
constexpr std::string_view kDefaultType = "application/octet-stream";
// '~' is outside the key alphabet, so no key can name a temporary or probe file. Temporary files wait in one
// folder of their own, so that what a killed process left half-written is found and removed at the next start.
constexpr std::string_view kTempFolder = "/~tmp";
constexpr std::string_view kProbeName = "/.~probe-";
constexpr std::size_t kRandomSuffixBytes = 9;
constexpr mode_t kFileMode = 0644;
constexpr mode_t kFolderMode = 0755;

[[noreturn]] void throw_errno(const std::string& what, const std::string& path) {
  const int error = errno;  // read before building the message can disturb it
  std::string message = what + " " + path + ": " + std::generic_category().message(error);
  if (error == ENOSPC || error == EDQUOT) throw StoreFull(std::move(message));
  throw StoreError(std::move(message));
}

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }

  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool is_open() const { return fd_ >= 0; }

  //! Closes now, so that an error the kernel only reports at close is not lost.
  void close_checked(const std::string& path) {
    if (::close(std::exchange(fd_, -1)) != 0) throw_errno("cannot close", path);
  }

 private:
  int fd_;
};

std::string parent_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

void sync_folder(const std::string& folder) {
  const Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.is_open()) throw_errno("cannot open folder", folder);
  if (::fsync(fd.get()) != 0) throw_errno("cannot sync folder", folder);
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) throw_errno("cannot write", path);
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// The whole content of a regular file, or nullopt for a folder (a key prefix is not an object). Files are only
// ever replaced by rename, never rewritten, so the size at open is the size to read.
std::optional<std::string> read_all(const Fd& fd, const std::string& path) {
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw_errno("cannot inspect", path);
  if (!S_ISREG(info.st_mode)) return std::nullopt;
  std::string out(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t filled = 0;
  while (filled < out.size()) {
    const ssize_t got = ::read(fd.get(), out.data() + filled, out.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw_errno("cannot read", path);
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  out.resize(filled);
  return out;
}

// An unopened Fd when nothing is there: missing, or a path through a file that is not a folder.
Fd open_if_present(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.is_open() && errno != ENOENT && errno != ENOTDIR) throw_errno("cannot open", path);
  return fd;
}

bool unlink_if_present(const std::string& path) {
  if (::unlink(path.c_str()) == 0) return true;
  if (errno == ENOENT || errno == ENOTDIR || errno == EISDIR) return false;
  throw_errno("cannot remove", path);
}

// Type files share the folders with the objects, so no object can live under a name one of them uses.
bool names_type_file(std::string_view key) {
  return key.ends_with(kTypeSuffix) || key.find(".type/") != std::string_view::npos;
}

// A synced temporary file in the store's temporary folder; removed again unless it was moved into place.
class PendingFile {
 public:
  PendingFile(std::string destination, const std::string& temp_folder, std::string_view bytes)
      : destination_(std::move(destination)), temp_(temp_folder + "/" + random_token(kRandomSuffixBytes)) {
    Fd fd(::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode));
    if (!fd.is_open()) throw_errno("cannot create", temp_);
    try {
      write_all(fd.get(), bytes, temp_);
      if (::fsync(fd.get()) != 0) throw_errno("cannot sync", temp_);
      fd.close_checked(temp_);
    } catch (...) {
      ::unlink(temp_.c_str());
      throw;
    }
  }
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile() {
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }

  //! Atomically replaces the destination with the temporary file.
  void commit() {
    if (::rename(temp_.c_str(), destination_.c_str()) != 0) throw_errno("cannot rename into", destination_);
    temp_.clear();
  }

 private:
  std::string destination_;
  std::string temp_;
};

}  // namespace

FileObjectStore::FileObjectStore(std::string root) : root_(std::move(root)), temp_folder_(root_ + std::string(kTempFolder)) {
  if (root_.empty()) throw std::invalid_argument("the object store folder must be named");
  std::filesystem::create_directories(root_);
  // Only this process writes here: whatever an earlier one left in the temporary folder was never committed.
  std::error_code ignored;
  std::filesystem::remove_all(temp_folder_, ignored);
}

std::string FileObjectStore::path_for(std::string_view key) const {
  if (!is_valid_key(key)) throw std::invalid_argument("object key is not valid");
  return root_ + "/" + std::string(key);
}

// Every level is synced on every put, even when it already existed: another thread may have created it and not
// yet synced its parent, and an acknowledged object must not vanish with its folder after a crash.
void FileObjectStore::make_folders(std::string_view key) const {
  std::string parent = root_;
  for (std::size_t slash = key.find('/'); slash != std::string_view::npos; slash = key.find('/', slash + 1)) {
    std::string folder = root_ + "/" + std::string(key.substr(0, slash));
    if (::mkdir(folder.c_str(), kFolderMode) != 0 && errno != EEXIST) throw_errno("cannot create folder", folder);
    sync_folder(parent);
    parent = std::move(folder);
  }
}

void FileObjectStore::put(std::string_view key, std::string_view bytes, std::string_view content_type) {
  const std::string path = path_for(key);
  if (names_type_file(key)) throw std::invalid_argument("object key names a type file");
  make_folders(key);
  if (::mkdir(temp_folder_.c_str(), kFolderMode) != 0 && errno != EEXIST) throw_errno("cannot create folder", temp_folder_);
  PendingFile type_file(path + std::string(kTypeSuffix), temp_folder_, content_type);
  PendingFile data_file(path, temp_folder_, bytes);
  {
    const std::unique_lock lock(swap_mutex_);
    type_file.commit();
    data_file.commit();
  }
  sync_folder(parent_of(path));
}

std::optional<StoredObject> FileObjectStore::get(std::string_view key) {
  const std::string path = path_for(key);
  if (names_type_file(key)) return std::nullopt;
  const std::string type_path = path + std::string(kTypeSuffix);
  Fd data;
  Fd type;
  {
    // Open files keep their content even if a put renames over them before they are read.
    const std::shared_lock lock(swap_mutex_);
    data = open_if_present(path);
    if (!data.is_open()) return std::nullopt;
    type = open_if_present(type_path);
  }
  auto bytes = read_all(data, path);
  if (!bytes) return std::nullopt;
  std::optional<std::string> content_type = type.is_open() ? read_all(type, type_path) : std::nullopt;
  return StoredObject{content_type.value_or(std::string(kDefaultType)), std::move(*bytes)};
}

void FileObjectStore::remove(std::string_view key) {
  const std::string path = path_for(key);
  if (names_type_file(key)) return;
  bool removed = false;
  {
    const std::unique_lock lock(swap_mutex_);
    // The bytes go first: a crash in between leaves a type file without an object, which reads as no object.
    removed = unlink_if_present(path);
    removed = unlink_if_present(path + std::string(kTypeSuffix)) || removed;
  }
  if (removed) sync_folder(parent_of(path));
}

void FileObjectStore::check() {
  struct stat info {};
  if (::stat(root_.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    throw std::runtime_error("object store folder " + root_ + " does not exist");
  }
  const std::string probe = root_ + std::string(kProbeName) + random_token(kRandomSuffixBytes);
  Fd fd(::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode));
  if (!fd.is_open()) {
    const int error = errno;
    // A full disk is not an outage: the store is there, reads work, and each write it refuses answers 503 by itself.
    if (error == ENOSPC || error == EDQUOT) return;
    throw std::runtime_error("object store folder " + root_ +
                             " is not writable: " + std::generic_category().message(error));
  }
  ::unlink(probe.c_str());
  fd.close_checked(probe);
}

}  // namespace hc::objects
