// Schema migrations: a database created at each earlier version (1: initial, 2: retention
// indexes, 3: groups and the API's read indexes) opens, upgrades to the newest and keeps its data;
// a file from a newer jumbe is refused; and the claim's query plan walks the outbound_ready index
// instead of sorting the whole queue.
#include <sqlite3.h>

#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

std::string text_of(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return "prepare failed";
  while (sqlite3_step(st) == SQLITE_ROW) {
    const auto* t = sqlite3_column_text(st, sqlite3_column_count(st) - 1);
    if (t != nullptr) out += reinterpret_cast<const char*>(t);
    out += "\n";
  }
  sqlite3_finalize(st);
  return out;
}

TEST(StoreMigration, EveryEarlierVersionUpgradesWithItsData) {
  ASSERT_GE(sqlite_schema_version(), 2) << "the upgrade path needs a second migration";
  for (int v = 1; v < sqlite_schema_version(); ++v) {
    SCOPED_TRACE("from version " + std::to_string(v));
    TempDir dir;
    const std::string path = dir.file("old.db");
    MessageId id = 0;
    {
      SqliteOptions o;
      o.path = path;
      o.target_version = v;
      auto old = open_sqlite_store(o);
      ASSERT_TRUE(old) << old.error().message;
      Sync s{**old};
      id = s.enqueue(text_to("+254712345678", "from an old version"))->id;
      ASSERT_EQ(s.claim("m", 1)->size(), 1u);
    }
    {
      // The send is recorded as that version's code did (today's code writes columns it lacks).
      sqlite3* raw = nullptr;
      sqlite3_open(path.c_str(), &raw);
      EXPECT_EQ(text_of(raw, "PRAGMA user_version"), std::to_string(v) + "\n");
      const std::string sent =
          "INSERT INTO segments (message_id, attempt, seq, modem, recipient, tp_mr, sent_at) "
          "VALUES (" +
          std::to_string(id) + ", 1, 1, 'm', '+254712345678', 200, " + std::to_string(kT0) +
          "); UPDATE outbound SET state = 2, lease_until = NULL" +
          (v >= 3 ? ", sent_at = " + std::to_string(kT0) : std::string()) +
          " WHERE id = " + std::to_string(id);
      EXPECT_EQ(sqlite3_exec(raw, sent.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
      sqlite3_close(raw);
    }
    auto store = open_or_die(path);
    auto m = store->message(id);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->text, "from an old version");
    EXPECT_EQ(m->state, State::sent);
    EXPECT_EQ(m->segment_log.at(0).tp_mr, 200);
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    EXPECT_EQ(text_of(raw, "PRAGMA user_version"), std::to_string(sqlite_schema_version()) + "\n");
    // Version 2's index and column exist after the upgrade and retention works on them.
    EXPECT_NE(text_of(raw, "SELECT name FROM sqlite_master WHERE name = 'outbound_by_body'"), "");
    EXPECT_EQ(text_of(raw, "SELECT pinned FROM bodies LIMIT 1"), "0\n");
    // Version 3: the send time of messages already sent is filled in from their segments.
    EXPECT_EQ(text_of(raw, "SELECT sent_at FROM outbound"), std::to_string(kT0) + "\n");
    // Version 4: progress is kept by the writer, so the trigger is gone.
    EXPECT_EQ(text_of(raw, "SELECT name FROM sqlite_master WHERE type = 'trigger'"), "");
    sqlite3_close(raw);
    Sync s{*store};
    EXPECT_EQ(*s.group_add("lanet", {"+254712000001"}), 1);
    EXPECT_EQ(*store->group_size("LANET"), 1);
    EXPECT_EQ(store->inbox_after(0, 10)->size(), 0u);
    RetentionRequest r;
    r.now = kT0 + 40LL * 24 * 3600 * 1000;
    auto purged = s.purge(r);
    ASSERT_TRUE(purged) << purged.error().message;
    EXPECT_EQ(purged->bodies_purged, 1);
  }
}

TEST(StoreMigration, FileFromANewerJumbeIsRefused) {
  TempDir dir;
  const std::string path = dir.file("new.db");
  open_or_die(path).reset();
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  sqlite3_exec(raw, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  SqliteOptions o;
  o.path = path;
  auto r = open_sqlite_store(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::too_new);
  EXPECT_NE(r.error().message.find(path), std::string::npos);
}

TEST(StoreMigration, ClaimWalksTheReadyIndexWithoutSorting) {
  TempDir dir;
  const std::string path = dir.file("plan.db");
  open_or_die(path).reset();
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  const std::string plan =
      text_of(raw,
              "EXPLAIN QUERY PLAN SELECT o.id, b.text FROM outbound o "
              "JOIN bodies b ON b.id = o.body_id WHERE o.state = 0 AND o.not_before <= 1 "
              "AND (o.valid_until IS NULL OR o.valid_until > 1) AND (o.preferred_modem IS NULL "
              "OR o.preferred_modem = 'm') ORDER BY o.priority, o.lane, o.created_at, o.id "
              "LIMIT 4");
  sqlite3_close(raw);
  EXPECT_NE(plan.find("outbound_ready"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

}  // namespace
}  // namespace jumbe::store::test
