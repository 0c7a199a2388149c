// Implementation of the SQLite connection wrapper (sqlite_db.hpp). Result codes follow
// https://sqlite.org/rescode.html; extended codes are enabled so SQLITE_READONLY_* and
// SQLITE_IOERR_* keep their detail in the message.
#include "sqlite_db.hpp"

namespace jumbe::store::detail {

ErrorCode classify(int rc) noexcept {
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return ErrorCode::disk_full;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return ErrorCode::read_only;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::locked;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::corrupt;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return ErrorCode::io;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return ErrorCode::invalid_argument;
    default:
      return ErrorCode::internal;
  }
}

namespace {
std::string_view cause(ErrorCode c) {
  switch (c) {
    case ErrorCode::disk_full:
      return "disk full or database size limit reached";
    case ErrorCode::read_only:
      return "database file or file system is read-only";
    case ErrorCode::locked:
      return "database is locked by another process";
    case ErrorCode::corrupt:
      return "database file is corrupt or not a jumbe database";
    case ErrorCode::io:
      return "I/O error";
    default:
      return "database error";
  }
}
}  // namespace

Result<std::unique_ptr<Db>> Db::open(const std::string& path, int busy_timeout_ms) {
  // Memory statistics take a global mutex on every allocation; jumbe never reads them. This only
  // works before SQLite initialises; if another module got there first it is a no-op.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Db> db(new Db(raw, path));
  if (raw == nullptr) return fail(ErrorCode::io, "store " + path + ": out of memory opening");
  if (rc != SQLITE_OK) return tl::unexpected(db->error(rc, "opening"));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  return db;
}

Db::~Db() {
  for (auto& [sql, stmt] : cache_)
    sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Error Db::error(int rc, std::string_view doing) const {
  const ErrorCode code = classify(rc);
  std::string msg = "store " + path_ + ": " + std::string(cause(code)) + " while " +
                    std::string(doing) + " (" + sqlite3_errstr(rc);
  const char* detail = db_ != nullptr ? sqlite3_errmsg(db_) : nullptr;
  if (detail != nullptr && std::string_view(detail) != sqlite3_errstr(rc)) {
    msg += ": ";
    msg += detail;
  }
  msg += ")";
  return Error{code, std::move(msg)};
}

Query Db::query(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Query(*this, it->second);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    pending_prepare_rc = rc;
    return Query(*this, nullptr);
  }
  cache_.emplace(sql, stmt);
  return Query(*this, stmt);
}

Result<void> Db::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return tl::unexpected(error(rc, "running SQL"));
  return {};
}

Result<std::string> Db::pragma_text(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(error(rc, "reading " + sql));
  std::string out;
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    const auto* t = sqlite3_column_text(stmt, 0);
    if (t != nullptr) out = reinterpret_cast<const char*>(t);
    rc = SQLITE_DONE;
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return tl::unexpected(error(rc, "reading " + sql));
  return out;
}

Query::~Query() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Query& Query::bind(int i, std::int64_t v) {
  if (stmt_ != nullptr) sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Query& Query::bind(int i, std::string_view text) {
  if (stmt_ == nullptr) return *this;
  if (text.empty()) {
    sqlite3_bind_null(stmt_, i);
  } else {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  return *this;
}

Query& Query::bind_text(int i, std::string_view text) {
  if (stmt_ != nullptr)
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Query& Query::bind(int i, const std::optional<std::int64_t>& v) {
  if (stmt_ == nullptr) return *this;
  if (v) {
    sqlite3_bind_int64(stmt_, i, *v);
  } else {
    sqlite3_bind_null(stmt_, i);
  }
  return *this;
}

Query& Query::bind_blob(int i, std::string_view bytes) {
  if (stmt_ != nullptr)
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Result<bool> Query::step() {
  if (stmt_ == nullptr) return tl::unexpected(db_.error(db_.pending_prepare_rc, "preparing SQL"));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(db_.error(rc, "running a statement"));
}

Result<void> Query::exec() {
  for (;;) {
    auto r = step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) return {};
  }
}

std::string Query::text(int col) const {
  const auto* t = sqlite3_column_text(stmt_, col);
  if (t == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(t),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Query::opt_text(int col) const {
  if (null(col)) return std::nullopt;
  return text(col);
}

std::optional<std::int64_t> Query::opt_i64(int col) const {
  if (null(col)) return std::nullopt;
  return i64(col);
}

}  // namespace jumbe::store::detail
