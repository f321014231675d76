#pragma once
// A prepared statement. Parameters are 1-based and columns 0-based, exactly as in the SQLite C API, so SQLite's
// documentation applies unchanged. Failures throw hc::sqlite::Error.
//
// A statement that has returned a row but was not stepped to the end keeps its connection's read snapshot (and, in
// WAL mode, blocks checkpoints) until it is reset. After reading a single row, call reset().
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace hc::sqlite {

class Statement {
 public:
  //! Compiles exactly one SQL statement on `db`; `prepare_flags` are sqlite3_prepare_v3's SQLITE_PREPARE_* flags.
  Statement(sqlite3* db, std::string_view sql, unsigned int prepare_flags = 0);

  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() = default;

  //! Binds a 64-bit integer to parameter `index` (1-based).
  Statement& bind(int index, std::int64_t value);
  //! Binds an integer to parameter `index` (1-based).
  Statement& bind(int index, int value);
  //! Binds a floating-point value to parameter `index` (1-based).
  Statement& bind(int index, double value);
  //! Binds UTF-8 text (copied, may contain NUL bytes) to parameter `index`; empty text stays text, not NULL.
  Statement& bind(int index, std::string_view value);
  //! Binds UTF-8 text; spelled out so that std::string does not find std::optional<std::string> ambiguous.
  Statement& bind(int index, const std::string& value);
  //! Binds a NUL-terminated UTF-8 string, or NULL for a null pointer.
  Statement& bind(int index, const char* value);
  //! Binds SQL NULL to parameter `index`.
  Statement& bind(int index, std::nullptr_t);
  //! Binds the text, or NULL when empty.
  Statement& bind(int index, const std::optional<std::string>& value);
  //! Binds the integer, or NULL when empty.
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  //! Binds a blob (copied); an empty span binds a zero-length blob, not NULL.
  Statement& bind(int index, std::span<const unsigned char> value);

  //! Binds args to parameters 1..N in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    [[maybe_unused]] int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  //! Advances to the next row: true when a row is ready to read, false when the statement has finished.
  bool step();

  //! Steps a statement that must produce no row (INSERT, UPDATE, DELETE, DDL) to completion.
  void run();

  //! Rewinds the statement and clears its bindings, ending any read snapshot it holds.
  void reset() noexcept;

  //! Reads column `col` (0-based) of the current row as an integer; throws if it is NULL.
  [[nodiscard]] std::int64_t int64(int col) const;
  //! Reads column `col` as a floating-point value; throws if it is NULL.
  [[nodiscard]] double real(int col) const;
  //! Reads column `col` as UTF-8 text, embedded NUL bytes included; throws if it is NULL.
  [[nodiscard]] std::string text(int col) const;
  //! Reads column `col` as a blob; throws if it is NULL.
  [[nodiscard]] std::vector<unsigned char> blob(int col) const;
  //! Reads column `col` as text, or nullopt when it is NULL.
  [[nodiscard]] std::optional<std::string> optional_text(int col) const;
  //! Reads column `col` as an integer, or nullopt when it is NULL.
  [[nodiscard]] std::optional<std::int64_t> optional_int64(int col) const;
  //! Tells whether column `col` of the current row is NULL.
  [[nodiscard]] bool is_null(int col) const;

  //! The raw handle, for the rare SQLite call this class does not wrap.
  [[nodiscard]] sqlite3_stmt* handle() const noexcept { return stmt_.get(); }

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept;
  };

  void check_bind(int rc, int index) const;
  void check_column(int col) const;
  void check_not_null(int col) const;

  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  bool has_row_ = false;
};

}  // namespace hc::sqlite
