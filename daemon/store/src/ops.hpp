// The store's operations as plain functions over one connection, called by SqliteStore inside
// the writer's transaction (writes) or under the reader lock (reads). Each function is one
// request: on error the caller rolls back its savepoint, so partial effects never survive.
#pragma once

#include <string>
#include <string_view>
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
// Sets a message's state and records the change as an event.
// `broadcast`: the message's broadcast_id (read by the caller with its state). A recipient's
// change is added to the broadcast's progress; its `sent` is counted there, not logged.
Result<void> set_state(Db& db, MessageId id, State from, State to, Millis now,
                       std::string_view detail, std::optional<BroadcastId> broadcast);
Result<EventId> add_event(Db& db, EventKind kind, std::int64_t subject, std::optional<int> state,
                          std::string_view detail, Millis now);
Result<std::int64_t> add_body(Db& db, std::string_view text, std::string_view raw_pdu, Millis now);

// ITU-T E.164 as the store keeps it: '+', a non-zero first digit, 7 to 15 digits.
bool is_e164(std::string_view s) noexcept;

// uncertain_ops.cpp
Result<RecoveryResult> recover_sending(Db& db, Millis now, const UncertainPolicy& policy,
                                       bool only_expired_leases);
Result<State> resolve_uncertain(Db& db, MessageId id, const std::string& modem, Millis now,
                                const UncertainPolicy& policy);

// group_ops.cpp
std::string group_key(std::string_view group);  // upper-case
Result<int> group_add(Db& db, const std::string& group, const std::vector<std::string>& numbers,
                      Millis now);
Result<int> group_remove(Db& db, const std::string& group, const std::string& number);
Result<std::vector<std::string>> read_group_members(Db& db, const std::string& group);
Result<std::int64_t> read_group_size(Db& db, const std::string& group);

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

// reads.cpp. Row readers shared with queue_reads.cpp: k*Select is the column list each expects.
extern const char* const kMessageSelect;  // outbound o, bodies b (joined by the caller)
Message message_row(const Query& q);      // segment_log left empty
extern const char* const kInboundSelect;  // ends with FROM inbound i LEFT JOIN bodies b
InboundMessage inbound_row(const Query& q);
Result<Message> read_message(Db& db, MessageId id);
Result<InboundMessage> read_inbound(Db& db, InboundId id);
Result<BroadcastProgress> read_broadcast(Db& db, BroadcastId id);
Result<std::vector<Event>> read_events(Db& db, EventId after, int limit);
Result<EventId> read_cursor(Db& db, const std::string& integrator);
Result<std::int64_t> read_count(Db& db, State s);
Result<std::vector<std::string>> read_integrity(Db& db);

// queue_reads.cpp
inline constexpr int kMaxReadLimit = 10'000;
Result<std::vector<InboundMessage>> read_inbox(Db& db, InboundId after, int limit);
Result<std::vector<QueueDepth>> read_queue_depths(Db& db);
Result<std::vector<Message>> read_in_state(Db& db, State s, MessageId after, int limit);
Result<std::int64_t> read_broadcast_sent_since(Db& db, BroadcastId id, Millis since);
Result<std::uint32_t> read_segments_sent_since(Db& db, const std::string& modem, Millis since);
Result<std::optional<Millis>> read_next_ready_at(Db& db, Millis now);

}  // namespace jumbe::store::detail
