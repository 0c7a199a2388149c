// SqliteStore: opens the file (WAL, synchronous=FULL, foreign keys, optional page quota), runs
// the migrations, and implements Store by sending writes to the group-commit Writer and running
// reads on a second connection under a mutex. Why synchronous=FULL: in WAL mode NORMAL skips the
// fsync at commit, so the last transactions can vanish on power loss after we acknowledged them.
#include "jumbe/store/sqlite_store.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "migrate.hpp"
#include "ops.hpp"
#include "writer.hpp"

namespace jumbe::store {

namespace {

using detail::Db;

Result<void> configure(Db& db, const SqliteOptions& o) {
  auto mode = db.pragma_text("PRAGMA journal_mode = WAL");
  if (!mode) return tl::unexpected(mode.error());
  if (*mode != "wal")
    return fail(ErrorCode::io, "store " + o.path + ": cannot use WAL journal (got '" + *mode +
                                   "'); is the file system read-only or a network mount?");
  // cache_size 64 MiB (negative: KiB), writer only: a 100,000-recipient broadcast is one
  // transaction, and with the default 2 MiB SQLite spills dirty pages to the WAL mid-transaction
  // and writes interior index pages there again and again.
  for (const char* p : {"PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                        "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536"}) {
    if (auto r = db.exec(p); !r) return r;
  }
  if (o.max_pages > 0) {
    if (auto r = db.pragma_text("PRAGMA max_page_count = " + std::to_string(o.max_pages)); !r)
      return tl::unexpected(r.error());
  }
  return {};
}

// SQLite reports most open failures as "unable to open database file"; find the real cause so
// the operator reads "file system is read-only", not a riddle.
Error diagnose(const std::string& path, Error e) {
  if (e.code != ErrorCode::io && e.code != ErrorCode::read_only) return e;
  const std::filesystem::path file(path);
  std::filesystem::path dir = file.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Error{ErrorCode::io, "store " + path + ": directory " + dir.string() +
                                    " does not exist; create it or fix the path"};
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0)
    return Error{ErrorCode::read_only,
                 "store " + path + ": file system is read-only; cannot accept messages"};
  if (::access(dir.c_str(), W_OK) != 0)
    return Error{ErrorCode::read_only, "store " + path + ": directory " + dir.string() +
                                           " is not writable by this user (WAL needs it)"};
  if (std::filesystem::exists(file, ec) && ::access(path.c_str(), W_OK) != 0)
    return Error{ErrorCode::read_only,
                 "store " + path + ": database file is read-only for this user"};
  return e;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Db> writer, std::unique_ptr<Db> reader, int max_batch)
      : reader_(std::move(reader)), writer_(std::move(writer), max_batch) {}

  void enqueue(OutboundRequest req, Millis now, Completion<EnqueueResult> done) override {
    writer_.submit_op<EnqueueResult>(
        [req = std::move(req), now](Db& db) { return detail::enqueue(db, req, now); },
        std::move(done));
  }
  void claim(ClaimRequest req, Completion<std::vector<ClaimedMessage>> done) override {
    writer_.submit_op<std::vector<ClaimedMessage>>(
        [req = std::move(req)](Db& db) { return detail::claim(db, req); }, std::move(done));
  }
  void segment_sent(SegmentSent s, Completion<State> done) override {
    writer_.submit_op<State>([s = std::move(s)](Db& db) { return detail::segment_sent(db, s); },
                             std::move(done));
  }
  void send_failed(SendFailure f, Completion<State> done) override {
    writer_.submit_op<State>([f = std::move(f)](Db& db) { return detail::send_failed(db, f); },
                             std::move(done));
  }
  void apply_status_report(StatusReport r, Completion<ReportMatch> done) override {
    writer_.submit_op<ReportMatch>(
        [r = std::move(r)](Db& db) { return detail::apply_status_report(db, r); }, std::move(done));
  }
  void cancel(MessageId id, Millis now, Completion<State> done) override {
    writer_.submit_op<State>([id, now](Db& db) { return detail::cancel(db, id, now); },
                             std::move(done));
  }
  void release_held(MessageId id, Millis now, Completion<State> done) override {
    writer_.submit_op<State>([id, now](Db& db) { return detail::release_held(db, id, now); },
                             std::move(done));
  }
  void expire_due(Millis now, Completion<int> done) override {
    writer_.submit_op<int>([now](Db& db) { return detail::expire_due(db, now); }, std::move(done));
  }
  void recover_at_start(Millis now, UncertainPolicy policy,
                        Completion<RecoveryResult> done) override {
    writer_.submit_op<RecoveryResult>(
        [now, policy](Db& db) { return detail::recover_sending(db, now, policy, false); },
        std::move(done));
  }
  void reclaim_expired_leases(Millis now, UncertainPolicy policy,
                              Completion<RecoveryResult> done) override {
    writer_.submit_op<RecoveryResult>(
        [now, policy](Db& db) { return detail::recover_sending(db, now, policy, true); },
        std::move(done));
  }
  void resolve_uncertain(MessageId id, std::string modem, Millis now, UncertainPolicy policy,
                         Completion<State> done) override {
    writer_.submit_op<State>(
        [id, modem = std::move(modem), now, policy](Db& db) {
          return detail::resolve_uncertain(db, id, modem, now, policy);
        },
        std::move(done));
  }
  void group_add(std::string group, std::vector<std::string> numbers, Millis now,
                 Completion<int> done) override {
    writer_.submit_op<int>([group = std::move(group), numbers = std::move(numbers),
                            now](Db& db) { return detail::group_add(db, group, numbers, now); },
                           std::move(done));
  }
  void group_remove(std::string group, std::string number, Millis /*now*/,
                    Completion<int> done) override {
    writer_.submit_op<int>([group = std::move(group), number = std::move(number)](
                               Db& db) { return detail::group_remove(db, group, number); },
                           std::move(done));
  }
  void create_broadcast(BroadcastRequest req, Millis now,
                        Completion<BroadcastResult> done) override {
    writer_.submit_op<BroadcastResult>(
        [req = std::move(req), now](Db& db) { return detail::create_broadcast(db, req, now); },
        std::move(done));
  }
  void cancel_broadcast(BroadcastId id, Millis now, Completion<int> done) override {
    writer_.submit_op<int>([id, now](Db& db) { return detail::cancel_broadcast(db, id, now); },
                           std::move(done));
  }
  void add_inbound_part(InboundPart part, Completion<InboundPartResult> done) override {
    writer_.submit_op<InboundPartResult>(
        [part = std::move(part)](Db& db) { return detail::add_inbound_part(db, part); },
        std::move(done));
  }
  void release_incomplete(Millis now, Millis max_age_ms, Completion<int> done) override {
    writer_.submit_op<int>(
        [now, max_age_ms](Db& db) { return detail::release_incomplete(db, now, max_age_ms); },
        std::move(done));
  }
  void append_event(EventKind kind, std::int64_t subject, std::string detail, Millis now,
                    Completion<EventId> done) override {
    writer_.submit_op<EventId>(
        [kind, subject, detail = std::move(detail), now](Db& db) {
          return detail::add_event(db, kind, subject, std::nullopt, detail, now);
        },
        std::move(done));
  }
  void ack_events(std::string integrator, EventId upto, Millis now,
                  Completion<EventId> done) override {
    writer_.submit_op<EventId>(
        [integrator = std::move(integrator), upto, now](Db& db) {
          return detail::ack_events(db, integrator, upto, now);
        },
        std::move(done));
  }
  void purge(RetentionRequest req, Completion<RetentionResult> done) override {
    writer_.submit_op<RetentionResult>([req](Db& db) { return detail::purge(db, req); },
                                       std::move(done));
  }

  Result<Message> message(MessageId id) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_message(*reader_, id);
  }
  Result<InboundMessage> inbound_message(InboundId id) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_inbound(*reader_, id);
  }
  Result<BroadcastProgress> broadcast_progress(BroadcastId id) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_broadcast(*reader_, id);
  }
  Result<std::vector<Event>> events_after(EventId after, int limit) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_events(*reader_, after, limit);
  }
  Result<EventId> cursor(const std::string& integrator) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_cursor(*reader_, integrator);
  }
  Result<std::int64_t> count_in_state(State s) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_count(*reader_, s);
  }
  Result<std::vector<std::string>> integrity_check() override {
    std::lock_guard lock(read_mutex_);
    return detail::read_integrity(*reader_);
  }
  Result<std::vector<std::string>> group_members(const std::string& group) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_group_members(*reader_, group);
  }
  Result<std::int64_t> group_size(const std::string& group) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_group_size(*reader_, group);
  }
  Result<std::vector<InboundMessage>> inbox_after(InboundId after, int limit) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_inbox(*reader_, after, limit);
  }
  Result<std::vector<QueueDepth>> queue_depths() override {
    std::lock_guard lock(read_mutex_);
    return detail::read_queue_depths(*reader_);
  }
  Result<std::vector<Message>> messages_in_state(State s, MessageId after, int limit) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_in_state(*reader_, s, after, limit);
  }
  Result<std::int64_t> broadcast_sent_since(BroadcastId id, Millis since) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_broadcast_sent_since(*reader_, id, since);
  }
  Result<std::uint32_t> segments_sent_since(const std::string& modem, Millis since) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_segments_sent_since(*reader_, modem, since);
  }
  Result<std::optional<Millis>> next_ready_at(Millis now) override {
    std::lock_guard lock(read_mutex_);
    return detail::read_next_ready_at(*reader_, now);
  }

 private:
  std::mutex read_mutex_;
  std::unique_ptr<Db> reader_;
  detail::Writer writer_;  // last: its thread stops (draining) before the reader goes
};

}  // namespace

int sqlite_schema_version() noexcept {
  const auto& all = detail::migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options) {
  if (options.path.empty())
    return fail(ErrorCode::invalid_argument, "store: database path is empty");
  auto writer = Db::open(options.path, options.busy_timeout_ms);
  if (!writer) return tl::unexpected(diagnose(options.path, writer.error()));
  if (auto r = configure(**writer, options); !r)
    return tl::unexpected(diagnose(options.path, r.error()));
  if (sqlite3_db_readonly((*writer)->handle(), "main") == 1)
    return fail(ErrorCode::read_only,
                "store " + options.path + ": database file is read-only; cannot accept messages");
  if (auto r = detail::migrate(**writer, options.target_version); !r)
    return tl::unexpected(r.error());
  auto reader = Db::open(options.path, options.busy_timeout_ms);
  if (!reader) return tl::unexpected(reader.error());
  if (auto r = (*reader)->exec("PRAGMA query_only = ON"); !r) return tl::unexpected(r.error());
  return std::unique_ptr<Store>(
      new SqliteStore(std::move(*writer), std::move(*reader), options.max_batch));
}

}  // namespace jumbe::store
