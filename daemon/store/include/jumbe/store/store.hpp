// jumbe::store::Store: the store-and-forward queue as the daemon sees it, independent of SQLite.
// Contract: a write's completion runs only after its transaction is durable (or with the error
// that stopped it); it runs on the store's writer thread, so keep it short or wrap it with
// post_to() (asio_completion.hpp) to land on your event loop. Reads are synchronous and never wait
// for an fsync. Times are passed in (UTC epoch ms). See docs/store.md.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "jumbe/store/error.hpp"
#include "jumbe/store/types.hpp"

namespace jumbe::store {

template <class T>
using Completion = std::function<void(Result<T>)>;

class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // ---- Outbound ---------------------------------------------------------------------------
  // Accepts a message. With an idempotency key already used by the same client, completes with
  // the first message's id and duplicate = true (the request's text is not compared).
  virtual void enqueue(OutboundRequest req, Millis now, Completion<EnqueueResult> done) = 0;
  // Takes up to req.limit ready messages for one modem in one statement, with a lease: by
  // priority, single messages before broadcast recipients of the same priority, then age.
  // Never returns expired, future (not_before), cancelled or other modems' messages.
  virtual void claim(ClaimRequest req, Completion<std::vector<ClaimedMessage>> done) = 0;
  // One segment went out (+CMGS: <mr>). When every segment of the attempt is in, the message
  // becomes sent. Completes with the message's state afterwards.
  virtual void segment_sent(SegmentSent s, Completion<State> done) = 0;
  // The attempt failed: retry here after a pause, elsewhere (never this modem), or not at all.
  virtual void send_failed(SendFailure f, Completion<State> done) = 0;
  // Matches a status report to a segment by modem, TP-MR, recipient and recency.
  virtual void apply_status_report(StatusReport r, Completion<ReportMatch> done) = 0;
  // Cancels a queued or held message; a message already with a modem cannot be cancelled.
  virtual void cancel(MessageId id, Millis now, Completion<State> done) = 0;
  // Sends a held (uncertain) message again after a human decided so.
  virtual void release_held(MessageId id, Millis now, Completion<State> done) = 0;
  // Moves queued and held messages whose valid_until has passed to expired; returns how many.
  virtual void expire_due(Millis now, Completion<int> done) = 0;
  // At start: everything still `sending` becomes uncertain and is requeued or held per policy.
  virtual void recover_at_start(Millis now, UncertainPolicy policy,
                                Completion<RecoveryResult> done) = 0;
  // While running: the same for `sending` messages whose lease ran out (a modem vanished).
  virtual void reclaim_expired_leases(Millis now, UncertainPolicy policy,
                                      Completion<RecoveryResult> done) = 0;

  // Now, for one message a modem could not say went out or not (e.g. no answer to AT+CMGS after
  // the PDU was written): marked uncertain and, per policy and priority, requeued, held or
  // failed. Only the modem that holds it may: another modem's or a non-sending message is a
  // conflict.
  virtual void resolve_uncertain(MessageId id, std::string modem, Millis now,
                                 UncertainPolicy policy, Completion<State> done) = 0;

  // ---- Broadcasts ---------------------------------------------------------------------------
  virtual void create_broadcast(BroadcastRequest req, Millis now,
                                Completion<BroadcastResult> done) = 0;
  virtual void cancel_broadcast(BroadcastId id, Millis now, Completion<int> done) = 0;

  // ---- Groups (alert lists residents join; a broadcast to a group reads its members) ------
  // Names are stored upper-case ("lanet" is "LANET"); numbers must be E.164. Completes with how
  // many numbers were new (one already in, or repeated in the request, is not counted).
  virtual void group_add(std::string group, std::vector<std::string> numbers, Millis now,
                         Completion<int> done) = 0;
  // Completes with 1 when the number was removed, 0 when it was not a member.
  virtual void group_remove(std::string group, std::string number, Millis now,
                            Completion<int> done) = 0;

  // ---- Inbound ------------------------------------------------------------------------------
  // Commit a received part; delete it from the SIM only after this completes successfully.
  virtual void add_inbound_part(InboundPart part, Completion<InboundPartResult> done) = 0;
  // Releases messages still missing parts after max_age as one message marked incomplete.
  virtual void release_incomplete(Millis now, Millis max_age_ms, Completion<int> done) = 0;

  // ---- Events and retention -----------------------------------------------------------------
  virtual void append_event(EventKind kind, std::int64_t subject, std::string detail, Millis now,
                            Completion<EventId> done) = 0;
  // Moves an integrator's cursor forward (never back); completes with the cursor.
  virtual void ack_events(std::string integrator, EventId upto, Millis now,
                          Completion<EventId> done) = 0;
  virtual void purge(RetentionRequest req, Completion<RetentionResult> done) = 0;

  // ---- Reads (synchronous, a separate connection; safe from any thread) --------------------
  virtual Result<Message> message(MessageId id) = 0;
  virtual Result<InboundMessage> inbound_message(InboundId id) = 0;
  virtual Result<BroadcastProgress> broadcast_progress(BroadcastId id) = 0;
  virtual Result<std::vector<Event>> events_after(EventId after, int limit) = 0;
  virtual Result<EventId> cursor(const std::string& integrator) = 0;
  virtual Result<std::int64_t> count_in_state(State s) = 0;
  // PRAGMA integrity_check for the operator: an empty vector means "ok".
  virtual Result<std::vector<std::string>> integrity_check() = 0;
  // A group's members in E.164, in join order; an unknown or empty group has none.
  virtual Result<std::vector<std::string>> group_members(const std::string& group) = 0;
  virtual Result<std::int64_t> group_size(const std::string& group) = 0;
  // Inbound messages that are complete or released incomplete (never assembling), id > after,
  // in id order. An id is given when the message becomes readable, so a cursor over it never
  // skips a multipart message that finished after a later single one. limit: 1..10,000.
  virtual Result<std::vector<InboundMessage>> inbox_after(InboundId after, int limit) = 0;
  // Queued, sending and held counts by priority; zero rows are omitted.
  virtual Result<std::vector<QueueDepth>> queue_depths() = 0;
  // Messages in one state with id > after, in id order, segment_log left empty. limit: 1..10,000.
  virtual Result<std::vector<Message>> messages_in_state(State s, MessageId after, int limit) = 0;
  // A broadcast's recipients that became sent at or after `since` (delivered ones included when
  // they were sent then): the send rate. Unknown broadcast: not_found.
  virtual Result<std::int64_t> broadcast_sent_since(BroadcastId id, Millis since) = 0;
  // Segments this modem sent at or after `since` (restores a daily quota at start).
  virtual Result<std::uint32_t> segments_sent_since(const std::string& modem, Millis since) = 0;
  // The earliest time after `now` a queued message that is not ready now (scheduled, or pausing
  // after a failure) becomes claimable; nullopt when there is none. Lets a router sleep exactly.
  virtual Result<std::optional<Millis>> next_ready_at(Millis now) = 0;
};

// Runs an async store call and waits for its completion: for tools, tests and start-up code.
// Never call it from a store completion (the writer thread would wait for itself).
template <class T, class Start>
Result<T> wait_for(Start&& start) {
  std::promise<Result<T>> promise;
  auto future = promise.get_future();
  start([&promise](Result<T> r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace jumbe::store
