#include "objects/fs_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hc::objects {
namespace {

namespace fs = std::filesystem;

class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "hc-objects-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    path_ = pattern;
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, ignored);
    fs::remove_all(path_, ignored);
  }

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class FileObjectStoreTest : public ::testing::Test {
 protected:
  TempFolder folder_;
  std::string root_ = folder_.path() + "/objects";  // missing until the store creates it
  FileObjectStore store_{root_};
};

TEST(ObjectKeys, AcceptsKeysTheSystemMakes) {
  EXPECT_TRUE(is_valid_key("coupons/01hzy8k3v0d2m5q7r9s1t3w5x7.jpg"));
  EXPECT_TRUE(is_valid_key("a"));
  EXPECT_TRUE(is_valid_key("logos/a-b_c.d/e.webp"));
  EXPECT_TRUE(is_valid_key(std::string(200, 'a')));
}

TEST(ObjectKeys, RefusesKeysThatCouldEscapeOrAlias) {
  for (const std::string_view key : {"../x", "/abs", "a//b", "a/../b", "", "UPPER", "a b", "a/", "./a", "a/./b", "a..b",
                                     "a\\b", "a\nb", "caf\xc3\xa9"}) {
    EXPECT_FALSE(is_valid_key(key)) << key;
  }
  EXPECT_FALSE(is_valid_key(std::string(201, 'a')));
  EXPECT_FALSE(is_valid_key(std::string_view("a\0b", 3)));
}

TEST(ObjectKeys, NewKeyIsPrefixLowercaseIdAndExtension) {
  const std::string key = new_key("coupons", "jpg");
  ASSERT_EQ(key.size(), std::string("coupons/").size() + 26 + std::string(".jpg").size());
  EXPECT_EQ(key.substr(0, 8), "coupons/");
  EXPECT_EQ(key.substr(34), ".jpg");
  EXPECT_EQ(key.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos);
  EXPECT_TRUE(is_valid_key(key));
  EXPECT_NE(new_key("coupons", "jpg"), key);
  EXPECT_THROW((void)new_key("Bad Prefix", "jpg"), std::invalid_argument);
}

TEST_F(FileObjectStoreTest, GetOfAMissingObjectIsNullopt) {
  EXPECT_FALSE(store_.get("logos/none.png").has_value());
  store_.put("logos/x.png", "x", "image/png");
  EXPECT_FALSE(store_.get("logos").has_value());          // a folder is not an object
  EXPECT_FALSE(store_.get("logos/x.png/y").has_value());  // nor a path through a file
}

TEST_F(FileObjectStoreTest, MissingTypeFileReadsAsOctetStream) {
  store_.put("logos/x.png", "x", "image/png");
  fs::remove(root_ + "/logos/x.png.type");
  EXPECT_EQ(store_.get("logos/x.png")->content_type, "application/octet-stream");
}

TEST_F(FileObjectStoreTest, RemoveDeletesTheObject) {
  store_.put("logos/x.png", "x", "image/png");
  store_.remove("logos/x.png");
  EXPECT_FALSE(store_.get("logos/x.png").has_value());
  EXPECT_FALSE(fs::exists(root_ + "/logos/x.png.type"));
  EXPECT_NO_THROW(store_.remove("logos/x.png"));
  EXPECT_NO_THROW(store_.remove("never/made.png"));
}

TEST_F(FileObjectStoreTest, EveryMethodRefusesAnInvalidKey) {
  const std::vector<std::string> keys{"../x",  "/abs", "a//b", "a/../b", "", std::string(201, 'a'),
                                      "UPPER", "a b",  "a/"};
  for (const std::string& key : keys) {
    EXPECT_THROW(store_.put(key, "x", "text/plain"), std::invalid_argument) << key;
    EXPECT_THROW((void)store_.get(key), std::invalid_argument) << key;
    EXPECT_THROW(store_.remove(key), std::invalid_argument) << key;
  }
  EXPECT_FALSE(fs::exists(folder_.path() + "/x"));
}

TEST_F(FileObjectStoreTest, TypeFilesAreNeverObjects) {
  store_.put("logos/x.png", "x", "image/png");
  EXPECT_THROW(store_.put("logos/x.png.type", "x", "text/plain"), std::invalid_argument);
  EXPECT_THROW(store_.put("logos/x.type/y", "x", "text/plain"), std::invalid_argument);
  EXPECT_FALSE(store_.get("logos/x.png.type").has_value());
  store_.remove("logos/x.png.type");
  EXPECT_EQ(store_.get("logos/x.png")->content_type, "image/png");
}

TEST_F(FileObjectStoreTest, LeavesNoTemporaryFiles) {
  for (int i = 0; i < 20; ++i) {
    store_.put("coupons/k" + std::to_string(i % 5) + ".jpg", std::to_string(i), "image/jpeg");
  }
  store_.check();
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root_)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.find('~'), std::string::npos) << name;
  }
  EXPECT_EQ(files, 10U);  // five objects, five type files
}

TEST_F(FileObjectStoreTest, WhatAKilledProcessLeftHalfWrittenIsRemovedAtTheNextStart) {
  store_.put("reports/r1.pdf", "%PDF-", "application/pdf");
  const fs::path leftover = fs::path(root_) / "~tmp" / "half-written";
  fs::create_directories(leftover.parent_path());
  std::ofstream(leftover) << "%PD";
  FileObjectStore restarted(root_);
  EXPECT_FALSE(fs::exists(leftover));
  EXPECT_EQ(restarted.get("reports/r1.pdf")->bytes, "%PDF-");
}

TEST_F(FileObjectStoreTest, CheckThrowsWhenTheFolderIsGone) {
  fs::remove_all(root_);
  EXPECT_THROW(store_.check(), std::runtime_error);
}

TEST_F(FileObjectStoreTest, CheckThrowsWhenTheFolderIsNotWritable) {
  // Permission bits do not bind root (CI runs as root); /proc refuses new files to everyone.
  FileObjectStore unwritable("/proc/self");
  EXPECT_THROW(unwritable.check(), std::runtime_error);
}

TEST_F(FileObjectStoreTest, ReadersSeeOneWholeObjectDuringOverwrites) {
  const std::string old_bytes(100'000, 'o');
  const std::string new_bytes(70'000, 'n');
  store_.put("logos/x", old_bytes, "text/old");
  std::thread writer([&] {
    for (int i = 0; i < 30; ++i) {
      store_.put("logos/x", i % 2 == 0 ? new_bytes : old_bytes, i % 2 == 0 ? "text/new" : "text/old");
    }
  });
  for (int i = 0; i < 200; ++i) {
    const auto object = store_.get("logos/x");
    ASSERT_TRUE(object.has_value());
    const bool is_new = object->content_type == "text/new";
    EXPECT_TRUE(object->bytes == (is_new ? new_bytes : old_bytes)) << object->content_type;
  }
  writer.join();
}

}  // namespace
}  // namespace hc::objects
