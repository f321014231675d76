#include "storage/sqlite/functions.hpp"

#include "core/text.hpp"
#include "storage/sqlite/error.hpp"

#include <sqlite3.h>

namespace hc::sqlite {
namespace {

void fold(sqlite3_context* context, int, sqlite3_value** arguments) {
  if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(arguments[0]));
  const std::string folded = fold_case({text, static_cast<std::size_t>(sqlite3_value_bytes(arguments[0]))});
  sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

}  // namespace

void register_functions(sqlite3* db) {
  const int rc = sqlite3_create_function_v2(db, "hc_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                            nullptr, fold, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw Error(db, rc, "register hc_fold");
}

}  // namespace hc::sqlite
