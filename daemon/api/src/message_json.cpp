// JSON shapes of stored messages, broadcasts and inbox messages (see message_json.hpp).
#include "jumbe/api/message_json.hpp"

#include <cmath>

#include "jumbe/api/submission.hpp"

namespace jumbe::api {

namespace {
Json str_or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}
}  // namespace

Json message_json(const store::Message& m) {
  Json log = Json::array();
  for (const auto& s : m.segment_log) {
    log.push_back({{"attempt", s.attempt},
                   {"seq", s.seq},
                   {"modem", s.modem},
                   {"tp_mr", s.tp_mr},
                   {"sent_at", format_time(s.sent_at)},
                   {"report_status", s.report_status ? Json(*s.report_status) : Json(nullptr)},
                   {"reported_at", time_or_null(s.reported_at)}});
  }
  return {{"id", m.id},
          {"to", m.recipient},
          {"text", m.text ? Json(*m.text) : Json(nullptr)},
          {"state", std::string(store::to_string(m.state))},
          {"uncertain", m.uncertain},
          {"priority", std::string(store::to_string(m.priority))},
          {"encoding", std::string(encoding_name(m.encoding))},
          {"segments", m.segments},
          {"attempts", m.attempts},
          {"modem", str_or_null(m.modem)},
          {"last_error", str_or_null(m.last_error)},
          {"client_ref", str_or_null(m.origin)},
          {"created_at", format_time(m.created_at)},
          {"updated_at", format_time(m.updated_at)},
          {"valid_until", time_or_null(m.valid_until)},
          {"not_before", m.not_before > 0 ? Json(format_time(m.not_before)) : Json(nullptr)},
          {"broadcast_id", m.broadcast_id ? Json(*m.broadcast_id) : Json(nullptr)},
          {"segment_log", std::move(log)}};
}

Json queue_row_json(const store::Message& m) {
  return {{"id", m.id},
          {"to", m.recipient},
          {"state", std::string(store::to_string(m.state))},
          {"priority", std::string(store::to_string(m.priority))},
          {"attempts", m.attempts},
          {"modem", str_or_null(m.modem)},
          {"last_error", str_or_null(m.last_error)},
          {"created_at", format_time(m.created_at)}};
}

Json inbox_json(const store::InboundMessage& m) {
  return {{"id", m.id},
          {"from", m.sender},
          {"text", m.text ? Json(*m.text) : Json(nullptr)},
          {"modem", m.modem},
          {"parts", m.total},
          {"complete", m.state == store::InboundState::complete},
          {"received_at", format_time(m.completed_at.value_or(m.first_at))}};
}

Json broadcast_json(const store::BroadcastProgress& p, std::int64_t sent_last_minute) {
  const int open = p.queued + p.sending + p.held;
  const bool done = open == 0;
  Json eta = nullptr;
  if (done) {
    eta = 0;
  } else if (sent_last_minute > 0) {
    // Only what is still to go at the current pace; held messages wait for a human, so they are
    // not counted in the ETA.
    const double minutes =
        static_cast<double>(p.queued + p.sending) / static_cast<double>(sent_last_minute);
    eta = static_cast<std::int64_t>(std::ceil(minutes * 60.0));
  }
  return {{"id", p.id},
          {"name", p.name},
          {"total", p.total},
          {"counts",
           {{"queued", p.queued},
            {"sending", p.sending},
            {"sent", p.sent},
            {"delivered", p.delivered},
            {"failed", p.failed},
            {"expired", p.expired},
            {"cancelled", p.cancelled},
            {"held", p.held}}},
          {"done", done},
          {"rate_per_minute", static_cast<double>(sent_last_minute)},
          {"eta_seconds", eta}};
}

ApiError api_error(const store::Error& e) {
  switch (e.code) {
    case store::ErrorCode::not_found:
      return ApiError::not_found(e.message);
    case store::ErrorCode::conflict:
      return ApiError::conflict(e.message);
    case store::ErrorCode::invalid_argument:
      return ApiError::invalid("", e.message);
    case store::ErrorCode::disk_full:
    case store::ErrorCode::read_only:
    case store::ErrorCode::locked:
    case store::ErrorCode::io:
    case store::ErrorCode::corrupt:
    case store::ErrorCode::closed:
      return ApiError::unavailable(e.message);
    case store::ErrorCode::too_new:
    case store::ErrorCode::internal:
      return ApiError::internal(e.message);
  }
  return ApiError::internal(e.message);
}

}  // namespace jumbe::api
