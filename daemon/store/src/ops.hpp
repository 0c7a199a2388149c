// The store's operations as plain functions over one connection, called by SqliteStore inside
// the writer's transaction (writes) or under the reader lock (reads). Each function is one
// request: on error the caller rolls back its savepoint, so partial effects never survive.
#pragma once

#include <vector>

#include "jumbe/store/types.hpp"
#include "sqlite_db.hpp"

namespace jumbe::store::detail {

// outbound_ops.cpp
Result<EnqueueResult> enqueue(Db& db, const OutboundRequest& req, Millis now);
Result<std::vector<ClaimedMessage>> claim(Db& db, const ClaimRequest& req);
Result<State> segment_sent(Db& db, const SegmentSent& s);
Result<State> send_failed(Db& db, const SendFailure& f);
Result<State> cancel(Db& db, MessageId id, Millis now);
Result<State> release_held(Db& db, MessageId id, Millis now);
Result<int> expire_due(Db& db, Millis now);
Result<RecoveryResult> recover_sending(Db& db, Millis now, const UncertainPolicy& policy,
                                       bool only_expired_leases);
// Sets a message's state and records the change as an event.
Result<void> set_state(Db& db, MessageId id, State from, State to, Millis now,
                       std::string_view detail);
Result<EventId> add_event(Db& db, EventKind kind, std::int64_t subject, std::optional<int> state,
                          std::string_view detail, Millis now);
Result<std::int64_t> add_body(Db& db, std::string_view text, std::string_view raw_pdu, Millis now);

// report_ops.cpp
Result<ReportMatch> apply_status_report(Db& db, const StatusReport& r);

// inbound_ops.cpp
Result<InboundPartResult> add_inbound_part(Db& db, const InboundPart& p);
Result<int> release_incomplete(Db& db, Millis now, Millis max_age_ms);

// broadcast_event_ops.cpp
Result<BroadcastResult> create_broadcast(Db& db, const BroadcastRequest& req, Millis now);
Result<int> cancel_broadcast(Db& db, BroadcastId id, Millis now);
Result<EventId> ack_events(Db& db, const std::string& integrator, EventId upto, Millis now);
Result<RetentionResult> purge(Db& db, const RetentionRequest& req);

// reads.cpp
Result<Message> read_message(Db& db, MessageId id);
Result<InboundMessage> read_inbound(Db& db, InboundId id);
Result<BroadcastProgress> read_broadcast(Db& db, BroadcastId id);
Result<std::vector<Event>> read_events(Db& db, EventId after, int limit);
Result<EventId> read_cursor(Db& db, const std::string& integrator);
Result<std::int64_t> read_count(Db& db, State s);
Result<std::vector<std::string>> read_integrity(Db& db);

}  // namespace jumbe::store::detail
