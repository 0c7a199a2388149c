// Runs the embedded migrations in order (migrate.hpp). Each step is one transaction that also
// bumps user_version, so a crash mid-upgrade leaves the file at the previous version, whole.
#include "migrate.hpp"

#include <string>

namespace jumbe::store::detail {

Result<int> migrate(Db& db, int target) {
  const auto& all = migrations();
  const int newest = all.empty() ? 0 : all.back().version;
  if (target <= 0 || target > newest) target = newest;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].version != static_cast<int>(i) + 1)
      return fail(ErrorCode::internal, "store: migrations are not numbered 1, 2, 3...");
  }
  auto current_text = db.pragma_text("PRAGMA user_version");
  if (!current_text) return tl::unexpected(current_text.error());
  const int current = std::stoi(*current_text);
  if (current > newest) {
    return fail(ErrorCode::too_new, "store " + db.path() + ": schema version " +
                                        std::to_string(current) +
                                        " is newer than this jumbe supports (" +
                                        std::to_string(newest) + "); upgrade jumbe");
  }
  for (const auto& m : all) {
    if (m.version <= current || m.version > target) continue;
    std::string sql = "BEGIN IMMEDIATE;\n";
    sql += m.sql;
    sql += "\nPRAGMA user_version = " + std::to_string(m.version) + ";\nCOMMIT;";
    if (auto r = db.exec(sql); !r) {
      (void)db.exec("ROLLBACK");
      Error e = r.error();
      e.message += " [migration " + std::string(m.name) + "]";
      return tl::unexpected(std::move(e));
    }
  }
  return current < target ? target : current;
}

}  // namespace jumbe::store::detail
