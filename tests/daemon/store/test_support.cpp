// Implementation of the store test helpers (test_support.hpp).
#include "test_support.hpp"

#include <unistd.h>

#include <cstdlib>

namespace jumbe::store::test {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "jumbe-store-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  if (made == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<Store> open_or_die(const std::string& path, std::int64_t max_pages) {
  SqliteOptions o;
  o.path = path;
  o.max_pages = max_pages;
  auto s = open_sqlite_store(o);
  if (!s) throw std::runtime_error(s.error().message);
  return std::move(*s);
}

OutboundRequest text_to(const std::string& recipient, const std::string& text, Priority p) {
  OutboundRequest r;
  r.client = "test";
  r.recipient = recipient;
  r.text = text;
  r.priority = p;
  return r;
}

Result<EnqueueResult> Sync::enqueue(const OutboundRequest& r, Millis now) {
  return wait_for<EnqueueResult>([&](auto done) { s.enqueue(r, now, done); });
}
Result<std::vector<ClaimedMessage>> Sync::claim(const std::string& modem, int limit, Millis now,
                                                const std::string& op) {
  ClaimRequest c;
  c.modem = modem;
  c.modem_operator = op;
  c.limit = limit;
  c.now = now;
  return wait_for<std::vector<ClaimedMessage>>([&](auto done) { s.claim(c, done); });
}
Result<State> Sync::sent(MessageId id, int attempt, int seq, const std::string& modem, int mr,
                         Millis at) {
  SegmentSent x{id, attempt, seq, modem, mr, at};
  return wait_for<State>([&](auto done) { s.segment_sent(x, done); });
}
Result<State> Sync::failed(MessageId id, const std::string& modem, ErrorClass c, Millis now) {
  SendFailure f;
  f.message_id = id;
  f.modem = modem;
  f.error_class = c;
  f.error = "+CMS ERROR: 38";
  f.now = now;
  return wait_for<State>([&](auto done) { s.send_failed(f, done); });
}
Result<ReportMatch> Sync::report(const StatusReport& r) {
  return wait_for<ReportMatch>([&](auto done) { s.apply_status_report(r, done); });
}
Result<State> Sync::cancel(MessageId id, Millis now) {
  return wait_for<State>([&](auto done) { s.cancel(id, now, done); });
}
Result<int> Sync::expire(Millis now) {
  return wait_for<int>([&](auto done) { s.expire_due(now, done); });
}
Result<RecoveryResult> Sync::recover(Millis now, UncertainPolicy p) {
  return wait_for<RecoveryResult>([&](auto done) { s.recover_at_start(now, p, done); });
}
Result<BroadcastResult> Sync::broadcast(const BroadcastRequest& r, Millis now) {
  return wait_for<BroadcastResult>([&](auto done) { s.create_broadcast(r, now, done); });
}
Result<InboundPartResult> Sync::part(const InboundPart& p) {
  return wait_for<InboundPartResult>([&](auto done) { s.add_inbound_part(p, done); });
}
Result<int> Sync::release(Millis now, Millis max_age) {
  return wait_for<int>([&](auto done) { s.release_incomplete(now, max_age, done); });
}
Result<EventId> Sync::ack(const std::string& who, EventId upto, Millis now) {
  return wait_for<EventId>([&](auto done) { s.ack_events(who, upto, now, done); });
}
Result<RetentionResult> Sync::purge(const RetentionRequest& r) {
  return wait_for<RetentionResult>([&](auto done) { s.purge(r, done); });
}

Result<int> Sync::group_add(const std::string& group, std::vector<std::string> numbers,
                            Millis now) {
  return wait_for<int>([&](auto done) { s.group_add(group, numbers, now, done); });
}
Result<int> Sync::group_remove(const std::string& group, const std::string& number, Millis now) {
  return wait_for<int>([&](auto done) { s.group_remove(group, number, now, done); });
}
Result<State> Sync::resolve(MessageId id, const std::string& modem, UncertainPolicy p, Millis now) {
  return wait_for<State>([&](auto done) { s.resolve_uncertain(id, modem, now, p, done); });
}
Result<RecoveryResult> Sync::reclaim(Millis now, UncertainPolicy p) {
  return wait_for<RecoveryResult>([&](auto done) { s.reclaim_expired_leases(now, p, done); });
}

}  // namespace jumbe::store::test
