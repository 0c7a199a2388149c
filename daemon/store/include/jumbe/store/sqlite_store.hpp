// SqliteStore: the Store on one SQLite 3 file in WAL mode with synchronous=FULL (a completion
// means the transaction survived power loss). One writer thread runs every pending request in a
// single transaction (group commit: one fsync for many requests); reads use a second connection.
// Opening upgrades an older schema through the numbered migrations. See docs/store.md.
#pragma once

#include <memory>
#include <string>

#include "jumbe/store/store.hpp"

namespace jumbe::store {

struct SqliteOptions {
  std::string path;           // database file; created if missing
  int busy_timeout_ms{5000};  // wait this long for another process's lock, then `locked`
  std::int64_t max_pages{0};  // PRAGMA max_page_count when > 0 (a quota; tests use it)
  int max_batch{4096};        // requests per group-commit transaction at most
  int target_version{0};      // 0: newest; tests open at an older version to test upgrades
};

// Opens (creating and migrating as needed). Errors name the file and the cause.
Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options);

// The newest schema version this build knows.
int sqlite_schema_version() noexcept;

}  // namespace jumbe::store
