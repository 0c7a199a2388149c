// Helpers for the store tests: a temporary directory removed at the end, a store opened in it,
// and synchronous wrappers over the async Store calls so each test reads top to bottom.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "jumbe/store/sqlite_store.hpp"

namespace jumbe::store::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline constexpr Millis kT0 = 1'764'000'000'000;  // 2025-11-24T16:00:00Z, a fixed "now"
inline constexpr Millis kMin = 60'000;

// A synchronous facade used by the tests; every call waits for the durable completion.
struct Sync {
  Store& s;
  Result<EnqueueResult> enqueue(const OutboundRequest& r, Millis now = kT0);
  Result<std::vector<ClaimedMessage>> claim(const std::string& modem, int limit, Millis now = kT0,
                                            const std::string& op = "");
  Result<State> sent(MessageId id, int attempt, int seq, const std::string& modem, int mr,
                     Millis at = kT0);
  Result<State> failed(MessageId id, const std::string& modem, ErrorClass c, Millis now = kT0);
  Result<ReportMatch> report(const StatusReport& r);
  Result<State> cancel(MessageId id, Millis now = kT0);
  Result<int> expire(Millis now);
  Result<RecoveryResult> recover(Millis now, UncertainPolicy p = {});
  Result<BroadcastResult> broadcast(const BroadcastRequest& r, Millis now = kT0);
  Result<InboundPartResult> part(const InboundPart& p);
  Result<int> release(Millis now, Millis max_age);
  Result<EventId> ack(const std::string& who, EventId upto, Millis now = kT0);
  Result<RetentionResult> purge(const RetentionRequest& r);
  Result<int> group_add(const std::string& group, std::vector<std::string> numbers,
                        Millis now = kT0);
  Result<int> group_remove(const std::string& group, const std::string& number, Millis now = kT0);
  Result<State> resolve(MessageId id, const std::string& modem, UncertainPolicy p = {},
                        Millis now = kT0);
  Result<RecoveryResult> reclaim(Millis now, UncertainPolicy p = {});
};

std::unique_ptr<Store> open_or_die(const std::string& path, std::int64_t max_pages = 0);
OutboundRequest text_to(const std::string& recipient, const std::string& text,
                        Priority p = Priority::normal);

}  // namespace jumbe::store::test
