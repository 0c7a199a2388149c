// Numbered schema migrations: migrations/NNNN_name.sql, embedded at build time (see
// EmbedMigrations.cmake). The schema version is PRAGMA user_version; each migration that is
// newer than the file runs in its own transaction and sets user_version to its number.
#pragma once

#include <string_view>
#include <vector>

#include "sqlite_db.hpp"

namespace jumbe::store::detail {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& migrations();  // generated, sorted by version

// Upgrades `db` to `target` (0: newest). Refuses a file newer than this build (too_new).
Result<int> migrate(Db& db, int target);

}  // namespace jumbe::store::detail
