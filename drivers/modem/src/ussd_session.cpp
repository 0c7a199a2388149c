// USSD session logic (see ussd_session.hpp). Status values per TS 27.007 7.15: 0 no further
// action, 1 further action required, 2 terminated by network, 3 other local client responded,
// 4 operation not supported, 5 network time out.
#include "jumbe/modem/ussd_session.hpp"

namespace jumbe::modem {

namespace {
bool has_text(const pdu::Cusd& c) {
  return c.text && !c.text->empty();
}
}  // namespace

tl::expected<void, std::string> UssdSession::begin(Clock::time_point now) {
  if (phase_ == Phase::awaiting_ok || phase_ == Phase::awaiting_reply)
    return tl::unexpected(std::string("a USSD request is already in progress on this modem"));
  phase_ = Phase::awaiting_ok;
  early_.reset();
  release_seen_ = false;
  deadline_ = now + config_.step_timeout;
  return {};
}

void UssdSession::complete(Completed c) {
  phase_ = c.ok && c.session_open ? Phase::open : Phase::idle;
  release_seen_ = false;
  early_.reset();
  outputs_.push_back(std::move(c));
}

void UssdSession::accept_reply(const pdu::Cusd& cusd, Clock::time_point now) {
  Completed c;
  switch (cusd.status) {
    case 0:
    case 1:
    case 2:  // some networks put the final text on the release itself
      c.ok = true;
      c.status = cusd.status;
      c.text = cusd.text.value_or("");
      c.session_open = cusd.status == 1;
      break;
    case 3:
      c.error = "another client on the modem answered the USSD session (+CUSD: 3)";
      break;
    case 4:
      c.error = "USSD operation not supported by the network or modem (+CUSD: 4)";
      break;
    default:
      c.error = "network timeout (+CUSD: " + std::to_string(cusd.status) + ")";
      break;
  }
  c.status = cusd.status;
  complete(std::move(c));
  deadline_ = phase_ == Phase::open ? std::optional(now + config_.step_timeout) : std::nullopt;
}

void UssdSession::on_command_result(bool ok, const std::string& error, Clock::time_point now) {
  if (phase_ != Phase::awaiting_ok) return;  // the reply already completed the request
  if (!ok) {
    Completed c;
    c.error = error.empty() ? "the modem refused the USSD request" : error;
    complete(std::move(c));
    deadline_.reset();
    return;
  }
  if (early_) {
    // Quirk: some modems print "+CUSD: 0,"Balance ...",15" before the OK of AT+CUSD=1,...
    const auto reply = *early_;
    accept_reply(reply, now);
    return;
  }
  phase_ = Phase::awaiting_reply;
  deadline_ = now + (release_seen_ ? config_.release_grace : config_.step_timeout);
}

void UssdSession::on_cusd(const pdu::Cusd& cusd, Clock::time_point now) {
  const bool release_only = cusd.status == 2 && !has_text(cusd);
  switch (phase_) {
    case Phase::awaiting_ok:
      if (release_only) {
        release_seen_ = true;  // may be the previous session's release; wait for the reply
      } else {
        early_ = cusd;
      }
      return;
    case Phase::awaiting_reply:
      if (release_only) {
        // Quirk: "+CUSD: 2" can precede the real "+CUSD: 0,..." by a few hundred ms; give the
        // reply a short grace before declaring the session released without an answer.
        release_seen_ = true;
        deadline_ = now + config_.release_grace;
        return;
      }
      accept_reply(cusd, now);
      return;
    case Phase::open:
    case Phase::idle:
      if (release_only) {
        if (phase_ == Phase::open) outputs_.push_back(Unsolicited{2, "", false});
        phase_ = Phase::idle;
        deadline_.reset();
        return;
      }
      // Network-initiated USSD (notify with 0, request with 1), or a late reply.
      outputs_.push_back(Unsolicited{cusd.status, cusd.text.value_or(""), cusd.status == 1});
      phase_ = cusd.status == 1 ? Phase::open : Phase::idle;
      deadline_ = phase_ == Phase::open ? std::optional(now + config_.step_timeout) : std::nullopt;
      return;
  }
}

void UssdSession::on_tick(Clock::time_point now) {
  if (!deadline_ || now < *deadline_) return;
  deadline_.reset();
  if (phase_ == Phase::open) {
    // Nobody answered the menu in time; the network will drop it too. Free the radio side.
    phase_ = Phase::idle;
    outputs_.push_back(Unsolicited{2, "", false});
    return;
  }
  if (phase_ != Phase::awaiting_ok && phase_ != Phase::awaiting_reply) return;
  Completed c;
  c.cancel_session = true;
  if (release_seen_) {
    c.status = 2;
    c.error = "the network released the USSD session without a reply (+CUSD: 2)";
  } else {
    c.error = phase_ == Phase::awaiting_ok ? "timeout waiting for OK to AT+CUSD"
                                           : "timeout waiting for the network's +CUSD reply";
  }
  complete(std::move(c));
}

void UssdSession::cancel(Clock::time_point now) {
  (void)now;
  if (phase_ == Phase::awaiting_ok || phase_ == Phase::awaiting_reply) {
    Completed c;
    c.error = "USSD request cancelled";
    c.cancel_session = true;
    complete(std::move(c));
  }
  phase_ = Phase::idle;
  deadline_.reset();
}

void UssdSession::abort(const std::string& reason) {
  if (phase_ == Phase::awaiting_ok || phase_ == Phase::awaiting_reply) {
    Completed c;
    c.error = reason;
    complete(std::move(c));
  }
  phase_ = Phase::idle;
  deadline_.reset();
}

std::vector<UssdSession::Output> UssdSession::take_outputs() {
  std::vector<Output> out;
  out.swap(outputs_);
  return out;
}

std::string_view to_string(UssdSession::Phase p) {
  switch (p) {
    case UssdSession::Phase::idle:
      return "idle";
    case UssdSession::Phase::awaiting_ok:
      return "awaiting-ok";
    case UssdSession::Phase::awaiting_reply:
      return "awaiting-reply";
    case UssdSession::Phase::open:
      return "open";
  }
  return "?";
}

}  // namespace jumbe::modem
