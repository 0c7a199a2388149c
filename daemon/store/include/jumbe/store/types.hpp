// Value types of the store-and-forward queue: what callers put in and get back. No SQLite here,
// so a PostgreSQL backend can implement the same Store. Times are UTC epoch milliseconds passed
// in by the caller (tests drive a fake clock). Enum numbers are stored in the database: append
// only, never renumber.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jumbe::store {

using MessageId = std::int64_t;
using BroadcastId = std::int64_t;
using InboundId = std::int64_t;
using EventId = std::int64_t;
using Millis = std::int64_t;  // UTC epoch milliseconds

enum class Priority : int { emergency = 0, high = 1, normal = 2, bulk = 3 };
enum class Encoding : int { gsm7 = 0, ucs2 = 1, eight_bit = 2 };
enum class OriginKind : int { api = 0, service = 1, broadcast = 2 };

// queued -> sending -> sent -> delivered | failed | expired | cancelled. `held` is an uncertain
// message parked for a human by the recovery policy (it may or may not have gone out).
enum class State : int {
  queued = 0,
  sending = 1,
  sent = 2,
  delivered = 3,
  failed = 4,
  expired = 5,
  cancelled = 6,
  held = 7,
};

// How a failed send should be retried, decided by the driver from the +CMS ERROR it got.
enum class ErrorClass : int { retry_here = 0, retry_elsewhere = 1, permanent = 2 };

enum class EventKind : int {
  inbound = 0,
  state_changed = 1,
  delivery_report = 2,
  modem_health = 3,
  ussd = 4,       // a network-initiated USSD message or a session the network ended
  broadcast = 5,  // a broadcast finished (every recipient final)
};

std::string_view to_string(Priority p) noexcept;
std::string_view to_string(State s) noexcept;
std::string_view to_string(EventKind k) noexcept;
bool is_final(State s) noexcept;

struct OutboundRequest {
  std::string client;           // API client name or service name; scopes idempotency_key
  std::string idempotency_key;  // empty: no idempotency
  std::string recipient;        // E.164, normalised by the caller
  std::string text;
  Encoding encoding{Encoding::gsm7};
  int segments{1};  // computed by the PDU codec
  Priority priority{Priority::normal};
  bool want_report{true};
  std::optional<Millis> valid_until;
  Millis not_before{0};
  std::string preferred_modem;     // empty: any modem
  std::string preferred_operator;  // empty: any operator
  Millis operator_grace_ms{0};     // after created+grace any operator may send it
  OriginKind origin_kind{OriginKind::api};
  std::string origin;  // free text, e.g. the service name or the case reference
};

struct EnqueueResult {
  MessageId id{0};
  bool duplicate{false};  // idempotency key seen before: id is the first message's
};

struct Segment {
  int attempt{0};
  int seq{0};
  std::string modem;
  int tp_mr{0};
  Millis sent_at{0};
  std::optional<int> report_status;  // TP-ST (TS 23.040 9.2.3.15)
  std::optional<Millis> reported_at;
};

struct Message {
  MessageId id{0};
  std::string client;
  std::string idempotency_key;
  std::string recipient;
  std::optional<std::string> text;  // nullopt once purged by retention
  Encoding encoding{Encoding::gsm7};
  int segments{1};
  Priority priority{Priority::normal};
  State state{State::queued};
  bool uncertain{false};
  int attempts{0};
  std::string modem;
  std::string last_error;
  std::optional<Millis> valid_until;
  Millis not_before{0};
  Millis created_at{0};
  Millis updated_at{0};
  std::optional<BroadcastId> broadcast_id;
  std::string origin;  // as given at enqueue (the API returns it as client_ref)
  OriginKind origin_kind{OriginKind::api};
  std::vector<Segment> segment_log;  // every attempt's segments, oldest first
};

// How many messages wait in one non-final state at one priority (the queue depth gauge).
struct QueueDepth {
  State state{State::queued};
  Priority priority{Priority::normal};
  std::int64_t count{0};
};

// One message handed to a modem by claim(). The lease says until when the claim holds.
struct ClaimedMessage {
  MessageId id{0};
  std::string recipient;
  std::string text;
  Encoding encoding{Encoding::gsm7};
  int segments{1};
  Priority priority{Priority::normal};
  bool want_report{true};
  int attempt{0};
  std::optional<Millis> valid_until;
  bool uncertain{false};  // it may already have gone out once
};

struct ClaimRequest {
  std::string modem;
  std::string modem_operator;
  int limit{1};
  Millis now{0};
  Millis lease_ms{120'000};
};

struct SegmentSent {
  MessageId message_id{0};
  int attempt{0};
  int seq{1};
  std::string modem;
  int tp_mr{0};
  Millis sent_at{0};
};

struct SendFailure {
  MessageId message_id{0};
  std::string modem;
  ErrorClass error_class{ErrorClass::retry_here};
  std::string error;  // e.g. "+CMS ERROR: 38 (network out of order)"
  Millis now{0};
  Millis retry_after_ms{30'000};  // first pause; doubles per attempt, capped at one hour
  Millis avoid_ms{600'000};       // retry_elsewhere: keep off this modem this long
  int max_attempts{5};            // then the message fails for good
};

struct StatusReport {
  std::string modem;
  int tp_mr{0};
  std::string recipient;               // E.164, normalised by the caller
  int status{0};                       // TP-ST
  std::optional<Millis> sc_timestamp;  // TP-SCTS: when the SC took the SUBMIT
  Millis received_at{0};
};

struct ReportMatch {
  bool matched{false};
  MessageId message_id{0};
  int seq{0};
  State state{State::sent};  // the message's state after the report
};

struct InboundPart {
  std::string modem;
  std::string sender;
  std::optional<int> concat_ref;  // nullopt: single-part message
  int total{1};
  int seq{1};
  std::string text;     // this part's decoded text
  std::string raw_pdu;  // bytes as read from the SIM (hex or binary; kept verbatim)
  std::optional<Millis> sc_timestamp;
  Millis received_at{0};
};

struct InboundPartResult {
  InboundId inbound_id{0};
  bool duplicate{false};  // the same part was stored before (SIM read twice)
  bool complete{false};   // this part completed the message
};

enum class InboundState : int { assembling = 0, complete = 1, incomplete = 2 };

struct InboundMessage {
  InboundId id{0};
  std::string modem;
  std::string sender;
  std::optional<std::string> text;  // nullopt once purged or while assembling
  int total{1};
  int parts_present{0};
  InboundState state{InboundState::assembling};
  Millis first_at{0};
  std::optional<Millis> completed_at;
};

struct BroadcastRequest {
  std::string client;
  std::string idempotency_key;
  std::string name;  // e.g. "LANET"
  std::string text;
  Encoding encoding{Encoding::gsm7};
  int segments{1};
  Priority priority{Priority::bulk};
  bool want_report{true};
  std::optional<Millis> valid_until;
  Millis not_before{0};
  std::vector<std::string> recipients;  // E.164; duplicates are sent once
};

struct BroadcastResult {
  BroadcastId id{0};
  int recipients{0};  // after removing duplicates
  bool duplicate{false};
};

struct BroadcastProgress {
  BroadcastId id{0};
  std::string name;
  int total{0};
  int queued{0}, sending{0}, sent{0}, delivered{0}, failed{0}, expired{0}, cancelled{0}, held{0};
};

struct Event {
  EventId id{0};
  Millis at{0};
  EventKind kind{EventKind::state_changed};
  std::int64_t subject_id{0};  // message, inbound message or 0
  std::optional<int> state;
  std::string detail;
};

// What to do with a message that was `sending` when the process died or its modem could not
// say whether it went out: send it again, hold it for a human, or fail it (a stale alert is
// worse than none). Indexed by Priority; fail wins over resend; neither means hold.
struct UncertainPolicy {
  bool resend[4]{true, true, true, false};
  bool fail[4]{false, false, false, false};
};

struct RecoveryResult {
  int requeued{0};
  int held{0};
  int failed{0};  // by policy (UncertainPolicy::fail)
};

struct RetentionRequest {
  Millis now{0};
  Millis body_max_age_ms{30LL * 24 * 3600 * 1000};
  Millis event_max_age_ms{7LL * 24 * 3600 * 1000};
};

struct RetentionResult {
  int bodies_purged{0};
  int events_pruned{0};
};

}  // namespace jumbe::store
