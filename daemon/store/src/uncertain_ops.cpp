// Messages that may or may not have reached the network: still `sending` at start (the process
// died), whose lease ran out (the modem vanished), or that a modem could not account for (no
// answer after the PDU was written). Each is marked uncertain for ever, so a duplicate the
// citizen sees is explained, then requeued, held for a human or failed per UncertainPolicy.
#include <string>
#include <vector>

#include "ops.hpp"

namespace jumbe::store::detail {

namespace {

constexpr std::string_view kFailedByPolicy = "uncertain: failed by policy";

State decide(const UncertainPolicy& policy, int priority) {
  if (priority < 0 || priority > 3) return State::held;  // not ours to guess: a human decides
  if (policy.fail[priority]) return State::failed;       // fail wins over resend
  return policy.resend[priority] ? State::queued : State::held;
}

// `why` becomes the message's last error and the event's detail (failed: the policy's words).
Result<State> make_uncertain(Db& db, MessageId id, int priority,
                             std::optional<BroadcastId> broadcast, const UncertainPolicy& policy,
                             Millis now, std::string_view why) {
  const State to = decide(policy, priority);
  const std::string_view detail = to == State::failed ? kFailedByPolicy : why;
  auto u = db.query("UPDATE outbound SET uncertain = 1, last_error = ?2 WHERE id = ?1");
  u.bind(1, id).bind_text(2, detail);
  if (auto r = u.exec(); !r) return tl::unexpected(r.error());
  if (auto r = set_state(db, id, State::sending, to, now, detail, broadcast); !r)
    return tl::unexpected(r.error());
  return to;
}

}  // namespace

Result<RecoveryResult> recover_sending(Db& db, Millis now, const UncertainPolicy& policy,
                                       bool only_expired_leases) {
  struct Found {
    MessageId id;
    int priority;
    std::optional<BroadcastId> broadcast;
  };
  std::vector<Found> found;
  {
    auto q = db.query(
        "SELECT id, priority, broadcast_id FROM outbound WHERE state = 1 "
        "AND (?1 = 0 OR lease_until <= ?2)");
    q.bind(1, only_expired_leases ? 1 : 0).bind(2, now);
    for (;;) {
      auto r = q.step();
      if (!r) return tl::unexpected(r.error());
      if (!*r) break;
      found.push_back(Found{q.i64(0), q.i32(1), q.opt_i64(2)});
    }
  }
  const std::string_view why =
      only_expired_leases ? "uncertain: lease ran out while sending" : "uncertain: was sending";
  RecoveryResult out;
  for (const auto& f : found) {
    auto to = make_uncertain(db, f.id, f.priority, f.broadcast, policy, now, why);
    if (!to) return tl::unexpected(to.error());
    if (*to == State::queued) {
      ++out.requeued;
    } else if (*to == State::failed) {
      ++out.failed;
    } else {
      ++out.held;
    }
  }
  return out;
}

Result<State> resolve_uncertain(Db& db, MessageId id, const std::string& modem, Millis now,
                                const UncertainPolicy& policy) {
  if (modem.empty()) return fail(ErrorCode::invalid_argument, "resolve uncertain: modem is empty");
  State state{};
  int priority = 0;
  std::string holder;
  std::optional<BroadcastId> broadcast;
  {
    auto q = db.query("SELECT state, priority, modem, broadcast_id FROM outbound WHERE id = ?");
    q.bind(1, id);
    auto row = q.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return fail(ErrorCode::not_found, "message " + std::to_string(id) + " not found");
    state = static_cast<State>(q.i32(0));
    priority = q.i32(1);
    holder = q.text(2);
    broadcast = q.opt_i64(3);
  }
  if (state != State::sending)
    return fail(ErrorCode::conflict, "message " + std::to_string(id) + " is " +
                                         std::string(to_string(state)) + ", not sending");
  if (holder != modem)
    return fail(ErrorCode::conflict, "message " + std::to_string(id) + " is sending on modem '" +
                                         holder + "', not '" + modem + "'");
  return make_uncertain(db, id, priority, broadcast, policy, now,
                        "uncertain: modem " + modem + " could not tell whether it went out");
}

}  // namespace jumbe::store::detail
