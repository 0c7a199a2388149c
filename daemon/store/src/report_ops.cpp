// Status reports (SMS-STATUS-REPORT, 3GPP TS 23.040 9.2.2.3) matched to sent segments. TP-MR is
// one octet and wraps at 256 (9.2.3.6), so (modem, TP-MR) alone is ambiguous: we also require
// the recipient (TP-RA) and pick, among segments sent within the report window, one still
// waiting for a final report and closest in time to the SC timestamp (TP-SCTS, the time the SC
// took the SUBMIT), falling back to the report's arrival time. TP-ST classes are 9.2.3.15.
#include <string>

#include "ops.hpp"

namespace jumbe::store::detail {

namespace {
constexpr Millis kReportWindowMs = 7LL * 24 * 3600 * 1000;  // SCs keep trying up to days
constexpr Millis kClockSkewMs = 15LL * 60 * 1000;           // the SC's clock vs ours

bool delivered(int st) {
  return st >= 0x00 && st <= 0x1f;
}  // transaction completed
bool still_trying(int st) {
  return st >= 0x20 && st <= 0x3f;
}  // temporary, SC retries
}  // namespace

Result<ReportMatch> apply_status_report(Db& db, const StatusReport& r) {
  if (r.tp_mr < 0 || r.tp_mr > 255)
    return fail(ErrorCode::invalid_argument,
                "status report: TP-MR " + std::to_string(r.tp_mr) + " is not 0..255");
  const Millis reference = r.sc_timestamp.value_or(r.received_at);
  auto q = db.query(
      "SELECT message_id, attempt, seq FROM segments "
      "WHERE modem = ?1 AND tp_mr = ?2 AND recipient = ?3 "
      "  AND sent_at BETWEEN ?4 - ?5 AND ?6 + ?7 "
      "ORDER BY (report_status IS NOT NULL AND (report_status < 32 OR report_status > 63)), "
      "  abs(sent_at - ?8) LIMIT 1");
  q.bind_text(1, r.modem).bind(2, r.tp_mr).bind_text(3, r.recipient);
  q.bind(4, r.received_at).bind(5, kReportWindowMs).bind(6, r.received_at).bind(7, kClockSkewMs);
  q.bind(8, reference);
  auto row = q.step();
  if (!row) return tl::unexpected(row.error());
  ReportMatch out;
  if (!*row) return out;  // unmatched: the caller logs it; nothing to change
  out.matched = true;
  out.message_id = q.i64(0);
  const int attempt = q.i32(1);
  out.seq = q.i32(2);

  auto u = db.query(
      "UPDATE segments SET report_status = ?4, reported_at = ?5 "
      "WHERE message_id = ?1 AND attempt = ?2 AND seq = ?3");
  u.bind(1, out.message_id).bind(2, attempt).bind(3, out.seq).bind(4, r.status);
  u.bind(5, r.received_at);
  if (auto e = u.exec(); !e) return tl::unexpected(e.error());

  auto m = db.query("SELECT state, attempts, segments, broadcast_id FROM outbound WHERE id = ?");
  m.bind(1, out.message_id);
  auto mrow = m.step();
  if (!mrow) return tl::unexpected(mrow.error());
  out.state = static_cast<State>(m.i32(0));
  const int attempts = m.i32(1);
  const int segments = m.i32(2);
  const auto broadcast = m.opt_i64(3);
  if (auto e =
          add_event(db, EventKind::delivery_report, out.message_id, r.status,
                    "segment " + std::to_string(out.seq) + " TP-ST " + std::to_string(r.status),
                    r.received_at);
      !e)
    return tl::unexpected(e.error());
  if (out.state != State::sent || attempt != attempts || still_trying(r.status)) return out;

  if (!delivered(r.status)) {
    if (auto e = set_state(db, out.message_id, State::sent, State::failed, r.received_at,
                           "status report TP-ST " + std::to_string(r.status), broadcast);
        !e)
      return tl::unexpected(e.error());
    out.state = State::failed;
    return out;
  }
  auto c = db.query(
      "SELECT count(*) FROM segments WHERE message_id = ? AND attempt = ? AND report_status "
      "BETWEEN 0 AND 31");
  c.bind(1, out.message_id).bind(2, attempt);
  auto crow = c.step();
  if (!crow) return tl::unexpected(crow.error());
  if (c.i32(0) >= segments) {
    if (auto e = set_state(db, out.message_id, State::sent, State::delivered, r.received_at,
                           "status report", broadcast);
        !e)
      return tl::unexpected(e.error());
    out.state = State::delivered;
  }
  return out;
}

}  // namespace jumbe::store::detail
