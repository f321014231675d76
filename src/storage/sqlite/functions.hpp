#pragma once
// SQL functions this project's queries use, registered on every connection.
struct sqlite3;

namespace hc::sqlite {

//! Registers hc_fold(text): hc::fold_case, so that filters compare names without regard to case in any script.
void register_functions(sqlite3* db);

}  // namespace hc::sqlite
