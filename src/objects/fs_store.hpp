#pragma once
// The embedded object store: one file per object under a folder, for a single server process. Writes go to a
// temporary file that is synced and renamed into place, so a reader or a crash sees the old or the new object,
// never a mix.
#include <shared_mutex>
#include <string>

#include "objects/object_store.hpp"

namespace hc::objects {

class FileObjectStore final : public ObjectStore {
 public:
  //! Keeps objects under the folder `root`, creating it if it is missing.
  explicit FileObjectStore(std::string root);

  //! Writes the content type, then the bytes, each synced and renamed into place; refuses keys like "x.type".
  void put(std::string_view key, std::string_view bytes, std::string_view content_type) override;

  //! Reads the object; its type is "application/octet-stream" when the type file is missing.
  std::optional<StoredObject> get(std::string_view key) override;

  //! Removes the object's bytes, then its type file.
  void remove(std::string_view key) override;

  //! Throws std::runtime_error unless the folder exists and a file can be created in it.
  void check() override;

 private:
  std::string path_for(std::string_view key) const;
  void make_folders(std::string_view key) const;

  std::string root_;
  std::string temp_folder_;  // where puts write before they rename into place
  // Renames take it exclusively and opens take it shared, so a reader's type and bytes come from one put.
  std::shared_mutex swap_mutex_;
};

}  // namespace hc::objects
