// Send plan and outcome classification (see send_plan.hpp). The classification of modem error
// codes is drivers/at's (classify_send_error); this file only adds what a timeout or a lost port
// means for a message: it may already be at the SMSC, so it is uncertain, never "failed".
#include "jumbe/modem/send_plan.hpp"

#include "jumbe/at/replies.hpp"

namespace jumbe::modem {

tl::expected<SendPlan, PlanError> build_send_plan(const SendRequest& request) {
  pdu::SubmitOptions opts;
  opts.to = request.to;
  opts.status_report = request.status_report;
  opts.encoding = request.encoding;
  opts.message_class = request.message_class;
  if (request.validity_minutes > 0) {
    opts.validity.format = pdu::Validity::Format::relative;
    opts.validity.relative_minutes = request.validity_minutes;
  }
  auto pdus = pdu::encode_submit(request.text, opts, request.concat_ref);
  if (!pdus) {
    const auto& e = pdus.error();
    if (e.code == pdu::ErrorCode::bad_number)
      return tl::unexpected(PlanError{"recipient: " + e.message});
    return tl::unexpected(PlanError{"message text: " + e.describe()});
  }
  SendPlan plan;
  int seq = 1;
  for (auto& p : *pdus) {
    plan.steps.push_back(
        SegmentStep{seq++, at::cmgs_command(p.tpdu_length, std::move(p.hex), request.priority)});
  }
  return plan;
}

std::string_view to_string(SegmentStatus s) {
  switch (s) {
    case SegmentStatus::sent:
      return "sent";
    case SegmentStatus::failed:
      return "failed";
    case SegmentStatus::uncertain:
      return "uncertain";
    case SegmentStatus::not_attempted:
      return "not-attempted";
  }
  return "?";
}

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::sent:
      return "sent";
    case Outcome::retry_here_later:
      return "retry-here-later";
    case Outcome::retry_elsewhere:
      return "retry-elsewhere";
    case Outcome::permanent:
      return "permanent";
    case Outcome::uncertain:
      return "uncertain";
  }
  return "?";
}

namespace {
Outcome from_at(at::SendOutcome o) {
  switch (o) {
    case at::SendOutcome::retry_here_later:
      return Outcome::retry_here_later;
    case at::SendOutcome::retry_elsewhere:
      return Outcome::retry_elsewhere;
    case at::SendOutcome::permanent:
      return Outcome::permanent;
  }
  return Outcome::retry_elsewhere;
}
}  // namespace

SegmentResult classify_segment(int seq, const at::CommandResult& result) {
  SegmentResult r;
  r.seq = seq;
  if (!result && !result.error().payload_written) {
    // No prompt came (or the port went before it): the PDU was never written and the engine's
    // ESC cancelled the command, so the message certainly did not leave; the modem is in
    // trouble, another one should take it.
    r.status = SegmentStatus::failed;
    r.outcome = Outcome::retry_elsewhere;
    r.detail =
        (result.error().kind == at::CommandError::Kind::timeout ? "timeout: " : "interrupted: ") +
        result.error().message;
    return r;
  }
  if (!result) {
    // A timeout after the PDU was written, or the port vanishing mid-command: the SMSC may have
    // the message. Reporting it failed would invite a duplicate; reporting it sent could lose it.
    r.status = SegmentStatus::uncertain;
    r.outcome = Outcome::uncertain;
    r.detail = result.error().kind == at::CommandError::Kind::timeout
                   ? "timeout: " + result.error().message
                   : "interrupted: " + result.error().message;
    return r;
  }
  const auto& reply = *result;
  if (reply.final.is_ok()) {
    for (const auto& line : reply.lines) {
      if (auto mr = at::parse_cmgs(line)) {
        r.status = SegmentStatus::sent;
        r.mr = *mr;
        return r;
      }
    }
    // OK without +CMGS: <mr>: the modem says it went; the reference is unknown, so a status
    // report cannot be matched, but resending would duplicate it.
    r.status = SegmentStatus::sent;
    r.detail = "OK without +CMGS reference";
    return r;
  }
  r.status = SegmentStatus::failed;
  if (reply.final.error) {
    r.outcome = from_at(at::classify_send_error(*reply.final.error));
    r.detail = at::describe(*reply.final.error);
  } else {
    // Plain ERROR (or COMMAND NOT SUPPORT): cannot tell why; another modem is the safer bet.
    r.outcome = Outcome::retry_elsewhere;
    r.detail = reply.final.text;
  }
  return r;
}

SendResult summarise(std::vector<SegmentResult> segments, int total) {
  SendResult out;
  for (int seq = static_cast<int>(segments.size()) + 1; seq <= total; ++seq) {
    SegmentResult r;
    r.seq = seq;
    r.status = SegmentStatus::not_attempted;
    segments.push_back(r);
  }
  std::optional<Outcome> first_failure;
  bool uncertain = false;
  for (const auto& s : segments) {
    if (s.status == SegmentStatus::uncertain) {
      uncertain = true;
      if (out.detail.empty()) out.detail = s.detail;
    } else if (s.status == SegmentStatus::failed && !first_failure) {
      first_failure = s.outcome.value_or(Outcome::retry_elsewhere);
      if (out.detail.empty()) out.detail = s.detail;
    }
  }
  if (uncertain)
    out.outcome = Outcome::uncertain;
  else if (first_failure)
    out.outcome = *first_failure;
  else
    out.outcome = Outcome::sent;
  out.segments = std::move(segments);
  return out;
}

}  // namespace jumbe::modem
