// A thin RAII layer over one sqlite3 connection: statements prepared once and cached by their SQL
// text, a scoped Query that resets its statement, and the mapping from SQLite result codes to
// store Errors that name the database file. Not thread-safe: one connection, one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "jumbe/store/error.hpp"
#include "progress.hpp"

namespace jumbe::store::detail {

class Db;

// One use of a cached statement; resets it (and clears bindings) when it goes out of scope.
class Query {
 public:
  Query(Db& db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  Query& bind(int i, std::int64_t v);
  Query& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Query& bind(int i, std::string_view text);  // an empty string binds NULL
  Query& bind(int i, const std::optional<std::int64_t>& v);
  Query& bind_blob(int i, std::string_view bytes);
  Query& bind_text(int i, std::string_view text);  // empty stays empty, never NULL

  // SQLITE_ROW -> true, SQLITE_DONE -> false, anything else -> error.
  Result<bool> step();
  // Resets the statement for another run, keeping its bindings (a loop over one statement).
  void reset() {
    if (stmt_ != nullptr) sqlite3_reset(stmt_);
  }
  // Steps to completion (for statements that return no rows).
  Result<void> exec();

  std::int64_t i64(int col) const { return sqlite3_column_int64(stmt_, col); }
  int i32(int col) const { return sqlite3_column_int(stmt_, col); }
  bool null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<std::int64_t> opt_i64(int col) const;

 private:
  Db& db_;
  sqlite3_stmt* stmt_;
};

class Db {
 public:
  // Opens a connection; `path` is used in every error message.
  static Result<std::unique_ptr<Db>> open(const std::string& path, int busy_timeout_ms);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Query query(std::string_view sql);          // prepared on first use, then reused
  Result<void> exec(const std::string& sql);  // unprepared multi-statement SQL (DDL, pragmas)
  Result<std::string> pragma_text(const std::string& sql);

  Error error(int rc, std::string_view doing) const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }

  // A prepare failure (bad SQL: a bug) is remembered and reported by the next step().
  int pending_prepare_rc{SQLITE_OK};
  // Broadcast progress changes of the writer's open batch (progress.hpp); unused by readers.
  ProgressLog progress;

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string_view, sqlite3_stmt*> cache_;
};

// Maps an SQLite (extended) result code to a store error code.
ErrorCode classify(int rc) noexcept;

}  // namespace jumbe::store::detail
