#pragma once
// Temporary folders for tests of either level.
#include <filesystem>
#include <string>
#include <system_error>

namespace hc::test {

//! A fresh temporary folder, removed by the caller.
std::filesystem::path make_temp_dir();

//! A fresh temporary folder, removed with everything in it when this goes out of scope.
class TempDir {
 public:
  TempDir() : path_(make_temp_dir()) {}
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace hc::test
