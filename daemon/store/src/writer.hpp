// The writer thread with group commit. Requests queue up; the thread takes everything pending
// (up to max_batch), runs them in one BEGIN IMMEDIATE transaction, commits once (one WAL fsync
// under synchronous=FULL) and only then calls each request's completion. A request that fails
// leaves nothing behind (the batch is rerun with one SAVEPOINT per request, and only the failed
// request's is rolled back); a failed COMMIT fails the whole batch.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "jumbe/store/store.hpp"
#include "sqlite_db.hpp"

namespace jumbe::store::detail {

class Writer {
 public:
  struct Job {
    std::function<const Error*(Db&)> run;      // nullptr: success
    std::function<void(const Error*)> finish;  // batch error, or nullptr when committed
  };

  Writer(std::unique_ptr<Db> db, int max_batch);
  ~Writer();  // finishes every queued request, then joins the thread
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void submit(Job job);

  template <class T, class Op>
  void submit_op(Op op, Completion<T> done) {
    auto result = std::make_shared<std::optional<Result<T>>>();
    Job job;
    job.run = [op = std::move(op), result](Db& db) mutable -> const Error* {
      result->emplace(op(db));
      return (*result)->has_value() ? nullptr : &(*result)->error();
    };
    job.finish = [result, done = std::move(done)](const Error* batch_error) {
      if (batch_error != nullptr) {
        done(tl::unexpected(*batch_error));
      } else {
        done(std::move(**result));
      }
    };
    submit(std::move(job));
  }

 private:
  void loop();
  void run_batch(std::deque<Job>& batch);
  bool run_fast(std::deque<Job>& batch, std::optional<Error>& batch_error);

  std::unique_ptr<Db> db_;
  const std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stop_{false};
  std::optional<Error> broken_;  // set after corruption: every later request is refused
  int wal_pages_{0};             // WAL size after the last commit (from sqlite3_wal_hook)
  std::thread thread_;
};

}  // namespace jumbe::store::detail
