// Inbound parts: commit before the SIM delete, detect a part read twice, reassemble concatenated
// messages (3GPP TS 23.040 9.2.3.24.1: reference, total, sequence) in any order, and release
// groups still missing parts after a timeout as one message marked incomplete.
// A part read twice from the SIM (crash between commit and AT+CMGD) has byte-identical PDU
// bytes, TP-SCTS included, so (modem, raw PDU) is the duplicate key.
#include <string>

#include "ops.hpp"

namespace jumbe::store::detail {

namespace {

// An inbound id is the integrators' cursor (GET /v1/inbox?after=N), so a message must become
// readable with an id above every readable one: a multipart message that started before a later
// single one but finished after it would otherwise sit below a cursor already past it, and never
// be delivered. So when another message was created after this group, it moves to a fresh id
// (with its parts); nothing refers to an assembling group's id but its parts.
Result<InboundId> renumber_if_overtaken(Db& db, InboundId id) {
  {
    auto q = db.query("SELECT max(id) FROM inbound");
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (q.i64(0) == id) return id;
  }
  auto copy = db.query(
      "INSERT INTO inbound (modem, sender, concat_ref, total, parts_present, first_at, state) "
      "SELECT modem, sender, concat_ref, total, parts_present, first_at, state FROM inbound "
      "WHERE id = ?");
  copy.bind(1, id);
  if (auto r = copy.exec(); !r) return tl::unexpected(r.error());
  const InboundId fresh = db.last_insert_id();
  auto move = db.query("UPDATE inbound_parts SET inbound_id = ?2 WHERE inbound_id = ?1");
  move.bind(1, id).bind(2, fresh);
  if (auto r = move.exec(); !r) return tl::unexpected(r.error());
  auto drop = db.query("DELETE FROM inbound WHERE id = ?");
  drop.bind(1, id);
  if (auto r = drop.exec(); !r) return tl::unexpected(r.error());
  return fresh;
}

// Joins the group's non-duplicate parts in sequence order and closes the group (under a final
// id, see renumber_if_overtaken). Completes with that id.
Result<InboundId> close_group(Db& db, InboundId id, InboundState state, Millis now, int total) {
  std::string text;
  std::string present;
  {
    auto q = db.query(
        "SELECT p.seq, b.text FROM inbound_parts p JOIN bodies b ON b.id = p.body_id "
        "WHERE p.inbound_id = ? AND p.duplicate = 0 ORDER BY p.seq");
    q.bind(1, id);
    for (;;) {
      auto r = q.step();
      if (!r) return tl::unexpected(r.error());
      if (!*r) break;
      text += q.text(1);
      if (!present.empty()) present += ',';
      present += std::to_string(q.i32(0));
    }
  }
  auto body = add_body(db, text, {}, now);
  if (!body) return tl::unexpected(body.error());
  auto final_id = renumber_if_overtaken(db, id);
  if (!final_id) return tl::unexpected(final_id.error());
  id = *final_id;
  auto u = db.query("UPDATE inbound SET state = ?2, completed_at = ?3, body_id = ?4 WHERE id = ?1");
  u.bind(1, id).bind(2, static_cast<int>(state)).bind(3, now).bind(4, *body);
  if (auto r = u.exec(); !r) return tl::unexpected(r.error());
  std::string detail = state == InboundState::complete
                           ? "complete"
                           : "incomplete: parts " + present + " of " + std::to_string(total);
  if (auto e = add_event(db, EventKind::inbound, id, static_cast<int>(state), detail, now); !e)
    return tl::unexpected(e.error());
  return id;
}

}  // namespace

Result<InboundPartResult> add_inbound_part(Db& db, const InboundPart& p) {
  if (p.modem.empty()) return fail(ErrorCode::invalid_argument, "inbound part: modem is empty");
  if (p.sender.empty()) return fail(ErrorCode::invalid_argument, "inbound part: sender is empty");
  if (p.raw_pdu.empty()) return fail(ErrorCode::invalid_argument, "inbound part: raw PDU is empty");
  if (p.total < 1 || p.total > 255 || p.seq < 1 || p.seq > p.total ||
      (!p.concat_ref && p.total != 1))
    return fail(ErrorCode::invalid_argument, "inbound part: part " + std::to_string(p.seq) +
                                                 " of " + std::to_string(p.total) +
                                                 " is not a valid concatenation position");
  {
    auto d = db.query("SELECT inbound_id FROM inbound_parts WHERE modem = ? AND pdu_key = ?");
    d.bind_text(1, p.modem).bind_blob(2, p.raw_pdu);
    auto r = d.step();
    if (!r) return tl::unexpected(r.error());
    if (*r) return InboundPartResult{d.i64(0), true, false};
  }
  auto body = add_body(db, p.text, p.raw_pdu, p.received_at);
  if (!body) return tl::unexpected(body.error());

  InboundId group = 0;
  bool seq_seen = false;
  if (p.concat_ref) {
    auto g = db.query(
        "SELECT id, EXISTS (SELECT 1 FROM inbound_parts WHERE inbound_id = inbound.id AND seq = ?5)"
        " FROM inbound WHERE state = 0 AND sender = ?1 AND concat_ref = ?2 AND total = ?3 "
        "AND modem = ?4 ORDER BY first_at DESC LIMIT 1");
    g.bind_text(1, p.sender).bind(2, *p.concat_ref).bind(3, p.total).bind_text(4, p.modem);
    g.bind(5, p.seq);
    auto r = g.step();
    if (!r) return tl::unexpected(r.error());
    if (*r) {
      group = g.i64(0);
      seq_seen = g.i32(1) != 0;
    }
  }
  if (group == 0) {
    auto ins = db.query(
        "INSERT INTO inbound (modem, sender, concat_ref, total, first_at) VALUES (?,?,?,?,?)");
    ins.bind_text(1, p.modem).bind_text(2, p.sender);
    ins.bind(3, p.concat_ref ? std::optional<std::int64_t>(*p.concat_ref) : std::nullopt);
    ins.bind(4, p.total).bind(5, p.received_at);
    if (auto r = ins.exec(); !r) return tl::unexpected(r.error());
    group = db.last_insert_id();
  }
  auto part = db.query(
      "INSERT INTO inbound_parts (inbound_id, modem, seq, received_at, sc_timestamp, pdu_key, "
      "duplicate, body_id) VALUES (?,?,?,?,?,?,?,?)");
  part.bind(1, group).bind_text(2, p.modem).bind(3, p.seq).bind(4, p.received_at);
  part.bind(5, p.sc_timestamp).bind_blob(6, p.raw_pdu).bind(7, seq_seen ? 1 : 0).bind(8, *body);
  if (auto r = part.exec(); !r) return tl::unexpected(r.error());
  if (seq_seen) return InboundPartResult{group, true, false};

  auto inc = db.query(
      "UPDATE inbound SET parts_present = parts_present + 1 WHERE id = ? RETURNING parts_present");
  inc.bind(1, group);
  auto r = inc.step();
  if (!r) return tl::unexpected(r.error());
  const int present = inc.i32(0);
  if (auto done = inc.exec(); !done) return tl::unexpected(done.error());
  if (present < p.total) return InboundPartResult{group, false, false};
  auto closed = close_group(db, group, InboundState::complete, p.received_at, p.total);
  if (!closed) return tl::unexpected(closed.error());
  return InboundPartResult{*closed, false, true};
}

Result<int> release_incomplete(Db& db, Millis now, Millis max_age_ms) {
  std::vector<std::pair<InboundId, int>> stale;
  {
    auto q = db.query("SELECT id, total FROM inbound WHERE state = 0 AND first_at <= ?");
    q.bind(1, now - max_age_ms);
    for (;;) {
      auto r = q.step();
      if (!r) return tl::unexpected(r.error());
      if (!*r) break;
      stale.emplace_back(q.i64(0), q.i32(1));
    }
  }
  for (const auto& [id, total] : stale) {
    if (auto c = close_group(db, id, InboundState::incomplete, now, total); !c)
      return tl::unexpected(c.error());
  }
  return static_cast<int>(stale.size());
}

}  // namespace jumbe::store::detail
