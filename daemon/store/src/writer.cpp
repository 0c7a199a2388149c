// Group-commit writer (writer.hpp). SQLite may roll a transaction back by itself after
// SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY or SQLITE_NOMEM (https://sqlite.org/lang_transaction.html,
// "Response To Errors Within A Transaction"), so after a failed request we check whether the
// transaction still exists; if not, every request of the batch fails with that error.
#include "writer.hpp"

namespace jumbe::store::detail {

namespace {
// Checkpoint (copy the WAL back into the database file) once the WAL holds this many pages:
// SQLite's own default, but run by us after the completions instead of inside COMMIT, so an
// acknowledgment never waits for a checkpoint's writes and fsync.
constexpr int kCheckpointPages = 1000;

int on_wal_commit(void* self, sqlite3*, const char*, int pages) {
  *static_cast<int*>(self) = pages;
  return SQLITE_OK;
}
}  // namespace

Writer::Writer(std::unique_ptr<Db> db, int max_batch)
    : db_(std::move(db)), max_batch_(static_cast<std::size_t>(max_batch > 0 ? max_batch : 1)) {
  // Replaces SQLite's automatic checkpoint (which runs inside COMMIT) with ours, after replies.
  sqlite3_wal_hook(db_->handle(), on_wal_commit, &wal_pages_);
  thread_ = std::thread([this] { loop(); });
}

Writer::~Writer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Writer::submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (!stop_) {
      queue_.push_back(std::move(job));
      cv_.notify_one();
      return;
    }
  }
  const Error closed{ErrorCode::closed, "store " + db_->path() + ": closed, request refused"};
  job.finish(&closed);
}

void Writer::loop() {
  for (;;) {
    std::deque<Job> batch;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stop_ and drained
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
  }
}

// Fast path: every request straight into the transaction, no savepoints. A savepoint makes
// SQLite copy each page a request touches that an earlier request already dirtied (4 KiB each,
// several per request), which was a large part of a mark-sent's cost. Requests almost never
// fail; when one does, its partial writes must not survive, so the whole transaction is rolled
// back and the batch runs again the careful way. Re-running is safe: a request is a function of
// the database and its own arguments only, and its result is overwritten by the second run.
// Returns false when the batch must run again with savepoints.
bool Writer::run_fast(std::deque<Job>& batch, std::optional<Error>& batch_error) {
  if (auto r = db_->query("BEGIN IMMEDIATE").exec(); !r) {
    batch_error = r.error();
    return true;
  }
  for (auto& job : batch) {
    const Error* failed = job.run(*db_);
    if (failed != nullptr || !db_->in_transaction()) {
      db_->progress.clear();
      if (db_->in_transaction()) (void)db_->query("ROLLBACK").exec();
      if (batch.size() == 1 && failed != nullptr) {  // rolled back: it gets its own error
        if (failed->code == ErrorCode::corrupt) batch_error = *failed;  // stop further writes
        return true;
      }
      return false;
    }
  }
  if (auto r = flush_progress(*db_); !r) {
    batch_error = r.error();
    return true;
  }
  if (auto r = db_->query("COMMIT").exec(); !r) batch_error = r.error();
  return true;
}

void Writer::run_batch(std::deque<Job>& batch) {
  std::optional<Error> batch_error = broken_;
  bool done = batch_error.has_value();
  if (!done) done = run_fast(batch, batch_error);
  if (!done) {
    if (auto r = db_->query("BEGIN IMMEDIATE").exec(); !r) batch_error = r.error();
  }
  if (!done && !batch_error) {
    for (auto& job : batch) {
      if (auto r = db_->query("SAVEPOINT job").exec(); !r) {
        batch_error = r.error();
        break;
      }
      const Error* failed = job.run(*db_);
      // Each request's progress is written inside its own savepoint, so it goes with it.
      if (failed == nullptr && db_->in_transaction()) {
        if (auto r = flush_progress(*db_); !r) {
          batch_error = r.error();  // the batch fails as a whole, like a failed COMMIT
          break;
        }
      }
      if (failed != nullptr) db_->progress.clear();
      if (!db_->in_transaction()) {  // SQLite rolled the whole transaction back
        batch_error = failed != nullptr ? *failed : db_->error(SQLITE_ERROR, "a request");
        break;
      }
      if (failed != nullptr) {
        if (auto r = db_->query("ROLLBACK TO job").exec(); !r) {
          batch_error = r.error();
          break;
        }
      }
      if (auto r = db_->query("RELEASE job").exec(); !r) {
        batch_error = r.error();
        break;
      }
    }
    if (!batch_error) {
      if (auto r = db_->query("COMMIT").exec(); !r) batch_error = r.error();
    }
  }
  db_->progress.clear();  // nothing pending survives a batch, committed or not
  if (batch_error && db_->in_transaction()) (void)db_->query("ROLLBACK").exec();
  if (batch_error && batch_error->code == ErrorCode::corrupt && !broken_) {
    broken_ = Error{ErrorCode::closed, batch_error->message + "; refusing new work"};
  }
  for (auto& job : batch)
    job.finish(batch_error ? &*batch_error : nullptr);
  if (wal_pages_ >= kCheckpointPages) {
    // PASSIVE: never waits for readers; what it cannot copy now is copied after a later batch.
    sqlite3_wal_checkpoint_v2(db_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    wal_pages_ = 0;
  }
}

}  // namespace jumbe::store::detail
