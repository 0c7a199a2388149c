// Modem traffic during a session (see modem.hpp): the sender loop (+CMGS per segment, TS 27.005
// 3.5.1), the inbound loop (+CMTI -> +CMGR -> consumer -> commit -> +CMGD, and +CMGL sweeps,
// 3.4.1-3.5.4), +CMT/+CDS direct delivery with +CNMA (3.4.4), USSD (TS 27.007 7.15), health
// polling and registration URCs (7.2, 10.1.20, 10.1.22). Each loop belongs to one session and
// ends when the session does; the inbox and the send queue outlive sessions.
// clang-format off
#include "jumbe/modem/modem.hpp"  // first: it works around Boost 1.74 awaitable.hpp
// clang-format on

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "jumbe/at/replies.hpp"
#include "jumbe/pdu/decode.hpp"

namespace jumbe::modem {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {
bool ok(const at::CommandResult& r) {
  return r && r->final.is_ok();
}
std::string describe_result(const at::CommandResult& r) {
  if (!r) return r.error().message;
  if (r->final.error) return at::describe(*r->final.error);
  return r->final.text;
}
awaitable<void> wait_on(asio::steady_timer& t, Clock::time_point until) {
  t.expires_at(until);
  boost::system::error_code ignored;
  co_await t.async_wait(asio::redirect_error(use_awaitable, ignored));
}
}  // namespace

// ---- requests ---------------------------------------------------------------------------------

void Modem::send(SendRequest request, SendCallback done) {
  auto fail_now = [this, &done](Outcome o, std::string why) {
    SendResult r;
    r.outcome = o;
    r.detail = std::move(why);
    asio::post(executor_, [done = std::move(done), r = std::move(r)]() mutable { done(r); });
  };
  if (!ready() || stopping_) {
    fail_now(Outcome::retry_elsewhere, "modem " + config_.name + " is not ready (" +
                                           std::string(to_string(sm_.state())) + ")");
    return;
  }
  auto plan = build_send_plan(request);
  if (!plan) {
    fail_now(Outcome::permanent, plan.error().message);
    return;
  }
  send_queue_.push_back(SendJob{std::move(request), std::move(*plan), std::move(done)});
  wake(sender_wake_);
}

void Modem::ussd(std::string text, UssdCallback done) {
  auto fail_now = [this, &done](std::string why) {
    UssdSession::Completed c;
    c.error = std::move(why);
    asio::post(executor_, [done = std::move(done), c = std::move(c)]() mutable { done(c); });
  };
  if (!ready() || stopping_) {
    fail_now("modem " + config_.name + " is not ready (" + std::string(to_string(sm_.state())) +
             ")");
    return;
  }
  const auto now = Clock::now();
  if (auto b = ussd_.begin(now); !b) {
    fail_now(b.error());
    return;
  }
  ussd_done_ = std::move(done);
  ++health_.counters.ussd_requests;
  auto encoded = pdu::ussd_encode(text, settings_.ussd_mode);
  if (!encoded) {
    ussd_.on_command_result(false, "USSD code: " + encoded.error().describe(), now);
    drain_ussd_outputs();
    return;
  }
  const std::string line = "AT+CUSD=1,\"" + *encoded + "\"," + std::to_string(settings_.ussd_dcs);
  asio::co_spawn(
      executor_,
      [self = shared_from_this(), line]() -> awaitable<void> {
        const auto r = co_await self->command(line, at::CommandKind::ussd, at::Priority::ussd);
        self->ussd_.on_command_result(ok(r), ok(r) ? "" : describe_result(r), Clock::now());
        self->drain_ussd_outputs();
        self->arm_ussd_timer();
      },
      asio::detached);
  arm_ussd_timer();
}

void Modem::cancel_ussd() {
  const bool open = ussd_.phase() == UssdSession::Phase::open;
  ussd_.cancel(Clock::now());
  drain_ussd_outputs();
  if (open && channel_) {
    asio::co_spawn(
        executor_,
        [self = shared_from_this()]() -> awaitable<void> {
          (void)co_await self->command("AT+CUSD=2", at::CommandKind::plain, at::Priority::ussd);
        },
        asio::detached);
  }
}

void Modem::reset(std::string reason) {
  end_session(End::reset_requested, reason);
}

// ---- USSD plumbing ----------------------------------------------------------------------------

void Modem::drain_ussd_outputs() {
  for (auto& out : ussd_.take_outputs()) {
    if (auto* c = std::get_if<UssdSession::Completed>(&out)) {
      if (c->cancel_session && channel_) {
        asio::co_spawn(
            executor_,
            [self = shared_from_this()]() -> awaitable<void> {
              (void)co_await self->command("AT+CUSD=2", at::CommandKind::plain, at::Priority::ussd);
            },
            asio::detached);
      }
      if (ussd_done_) {
        auto done = std::move(ussd_done_);
        ussd_done_ = nullptr;
        done(std::move(*c));
      }
    } else if (auto* u = std::get_if<UssdSession::Unsolicited>(&out)) {
      if (events_.on_ussd)
        events_.on_ussd(UssdEvent{config_.name, u->status, u->text, u->session_open});
    }
  }
}

void Modem::arm_ussd_timer() {
  const auto deadline = ussd_.deadline();
  if (!deadline) {
    ussd_timer_.cancel();
    return;
  }
  ussd_timer_.expires_at(*deadline);
  std::weak_ptr<Modem> weak = weak_from_this();
  ussd_timer_.async_wait([weak](boost::system::error_code ec) {
    auto m = weak.lock();
    if (ec || !m) return;
    m->ussd_.on_tick(Clock::now());
    m->drain_ussd_outputs();
    m->arm_ussd_timer();
  });
}

// ---- URCs and channel events ------------------------------------------------------------------

void Modem::on_channel_event(const at::ChannelEvent& ev) {
  using K = at::ChannelEvent::Kind;
  switch (ev.kind) {
    case K::closed:
      end_session(End::port_lost, ev.detail);
      break;
    case K::unresponsive:
      ++health_.counters.timeouts;
      end_session(End::unresponsive, "modem stopped answering (" +
                                         std::to_string(ev.consecutive_timeouts) +
                                         " commands timed out)");
      break;
    case K::garbage:
    case K::discarded:
      log(LogLevel::debug, "modem[" + config_.name + "]: " + ev.detail);
      break;
    case K::recovered:
      break;
  }
}

namespace {
bool quotes_balanced(std::string_view s) {
  return std::count(s.begin(), s.end(), '"') % 2 == 0;
}
}  // namespace

void Modem::on_urc(const at::Urc& urc) {
  for (const auto& prefix : settings_.ignore_urcs)
    if (urc.line.starts_with(prefix)) return;  // vendor noise named by the profile
  // A text-mode USSD menu's lines arrive joined by the AT engine (UrcRule until_quote_closes).
  // One whose closing quote the modem lost is closed here rather than dropped.
  if (urc.name == "cusd" && !quotes_balanced(urc.line)) {
    on_urc(at::Urc{"cusd", urc.line + "\"", ""});
    return;
  }
  const auto now = Clock::now();
  if (urc.name == "cmti" || urc.name == "cdsi") {
    if (auto ind = at::parse_cmti(urc.line)) {
      if (inbox_.on_indication(ind->index)) wake(inbound_wake_);
    } else {
      log(LogLevel::warn, "modem[" + config_.name + "]: " + ind.error().message);
      sweep_requested_ = true;  // find it with +CMGL instead
      wake(inbound_wake_);
    }
  } else if (urc.name == "cmt" || urc.name == "cds") {
    handle_direct(urc);
  } else if (urc.name == "cusd") {
    auto c = pdu::parse_cusd(urc.line, settings_.ussd_mode);
    if (!c) {
      // Keep the session moving with the raw text rather than dropping the answer.
      auto raw = at::parse_cusd(urc.line);
      if (!raw) {
        log(LogLevel::warn, "modem[" + config_.name + "]: " + raw.error().message);
        return;
      }
      pdu::Cusd fallback;
      fallback.status = raw->status;
      fallback.dcs = raw->dcs;
      fallback.text = raw->text;
      fallback.raw = raw->text;
      log(LogLevel::warn, "modem[" + config_.name + "]: USSD text not decodable (" +
                              c.error().describe() + "); passing it on verbatim");
      c = fallback;
    }
    ussd_.on_cusd(*c, now);
    drain_ussd_outputs();
    arm_ussd_timer();
  } else if (urc.name == "creg" || urc.name == "cgreg" || urc.name == "cereg") {
    if (auto reg = at::parse_registration(urc.line, false)) on_registration(*reg);
  } else if (urc.name == "csq") {
    if (auto q = at::parse_csq(urc.line)) {
      health_.signal_dbm = q->rssi_dbm;
      health_.ber_class = q->ber_class;
      publish_health();
    }
  } else if (urc.name == "unknown") {
    log(LogLevel::debug, "modem[" + config_.name + "]: unsolicited " + urc.line);
  }
}

void Modem::on_registration(const at::Registration& reg) {
  const char* domain = reg.domain == at::RegDomain::cs   ? "creg"
                       : reg.domain == at::RegDomain::ps ? "cgreg"
                                                         : "cereg";
  registered_[domain] = reg.registered();
  if (reg.domain != at::RegDomain::ps || !health_.registration) health_.registration = reg.status;
  // SMS rides on CS (2G/3G) or on EPS (LTE, SGs / SMS-only); a PS attach alone does not carry it.
  bool usable = false;
  if (registered_.count("creg") || registered_.count("cereg")) {
    usable = registered_["creg"] || registered_["cereg"];
  } else {
    for (const auto& [d, r] : registered_)
      usable = usable || r;
  }
  if (usable && sm_.state() == State::registering) {
    fire(Event::network_up);
    backoff_.succeeded();
    wake(sender_wake_);
    wake(health_wake_);
  } else if (!usable && ready()) {
    note_error("network lost (" + std::string(describe(reg.status)) + ")");
    fire(Event::network_lost);
  }
  publish_health();
}

// ---- direct delivery (+CMT / +CDS) ------------------------------------------------------------

void Modem::handle_direct(const at::Urc& urc) {
  std::weak_ptr<Modem> weak = weak_from_this();
  const auto gen = session_;
  const bool ack = settings_.direct_delivery;
  // +CNMA (TS 27.005 3.4.4) only once the consumer committed: without the RP-ACK the network
  // keeps the message and delivers it again, which is what we want if the commit never comes.
  auto commit = [weak, gen, ack, ex = executor_]() {
    asio::post(ex, [weak, gen, ack]() {
      auto m = weak.lock();
      if (!m || !ack || !m->live(gen)) return;
      asio::co_spawn(
          m->executor_,
          [m]() -> awaitable<void> {
            (void)co_await m->command("AT+CNMA", at::CommandKind::plain, at::Priority::urgent);
          },
          asio::detached);
    });
  };
  auto decoded = pdu::decode_hex(urc.body, true);
  if (urc.name == "cds") {
    if (!decoded || !std::holds_alternative<pdu::StatusReport>(*decoded)) {
      log(LogLevel::warn, "modem[" + config_.name + "]: +CDS without a status report PDU");
      return;
    }
    const auto& sr = std::get<pdu::StatusReport>(*decoded);
    ++health_.counters.status_reports;
    if (events_.on_status_report)
      events_.on_status_report(
          StatusReportEvent{config_.name, sr.mr, sr.recipient.value, sr.status, sr, commit});
    return;
  }
  InboundMessage msg;
  msg.modem = config_.name;
  msg.pdu = urc.body;
  msg.commit = commit;
  if (decoded && std::holds_alternative<pdu::Deliver>(*decoded)) {
    msg.deliver = std::get<pdu::Deliver>(*decoded);
  } else {
    msg.decode_error = decoded ? "not an SMS-DELIVER" : decoded.error().describe();
  }
  ++health_.counters.messages_received;
  if (events_.on_inbound) events_.on_inbound(std::move(msg));
}

// ---- inbound from storage ---------------------------------------------------------------------

std::function<void()> Modem::make_commit(Inbox::Token token) {
  std::weak_ptr<Modem> weak = weak_from_this();
  return [weak, token, ex = executor_]() {
    asio::post(ex, [weak, token]() {
      if (auto m = weak.lock()) {
        if (m->inbox_.commit(token)) m->wake(m->inbound_wake_);
      }
    });
  };
}

void Modem::hand_inbound(const Inbox::Handoff& h) {
  auto decoded = pdu::decode_hex(h.pdu, true);
  if (decoded && std::holds_alternative<pdu::StatusReport>(*decoded)) {
    const auto& sr = std::get<pdu::StatusReport>(*decoded);
    ++health_.counters.status_reports;
    if (events_.on_status_report) {
      events_.on_status_report(StatusReportEvent{config_.name, sr.mr, sr.recipient.value, sr.status,
                                                 sr, make_commit(h.token)});
    }
    return;
  }
  InboundMessage msg;
  msg.modem = config_.name;
  msg.storage = settings_.sms_storage;
  msg.index = h.index;
  msg.pdu = h.pdu;
  msg.commit = make_commit(h.token);
  if (decoded && std::holds_alternative<pdu::Deliver>(*decoded)) {
    msg.deliver = std::get<pdu::Deliver>(*decoded);
  } else {
    // Handed on anyway: the daemon parks what it cannot read; nothing is dropped here.
    msg.decode_error = decoded ? "not an SMS-DELIVER" : decoded.error().describe();
  }
  ++health_.counters.messages_received;
  if (events_.on_inbound) events_.on_inbound(std::move(msg));
}

awaitable<void> Modem::sweep(std::uint64_t gen) {
  // +CMGL=4: every message, read or not (TS 27.005 3.4.2, PDU mode <stat> 4).
  const auto r = co_await command("AT+CMGL=4", at::CommandKind::sms_list);
  if (!live(gen)) co_return;
  if (ok(r)) {
    auto listed = at::parse_cmgl(r->lines);
    if (listed) {
      for (const auto& h : inbox_.on_listing(*listed, true, Clock::now()))
        hand_inbound(h);
    } else {
      log(LogLevel::warn, "modem[" + config_.name + "]: " + listed.error().message);
    }
  } else {
    log(LogLevel::warn, "modem[" + config_.name + "]: +CMGL: " + describe_result(r));
  }
  const auto q = co_await command("AT+CPMS?");
  if (!live(gen) || !ok(q)) co_return;
  for (const auto& l : q->lines) {
    if (auto use = at::parse_cpms(l); use && !use->empty()) {
      health_.storage_used = use->front().used;
      health_.storage_total = use->front().total;
    }
  }
  publish_health();
}

awaitable<void> Modem::inbound_loop(std::uint64_t gen) {
  auto self = shared_from_this();
  co_await sweep(gen);  // messages that arrived while we were away, or whose URC was lost
  auto next_sweep = Clock::now() + std::chrono::seconds(settings_.sweep_interval_s);
  while (live(gen)) {
    while (live(gen)) {
      const auto idx = inbox_.next_to_read();
      if (!idx) break;
      const auto r = co_await command("AT+CMGR=" + std::to_string(*idx), at::CommandKind::sms_list);
      if (!live(gen)) co_return;
      std::optional<at::StoredPdu> stored;
      if (ok(r)) {
        if (auto p = at::parse_cmgr(r->lines)) {
          stored = *p;
        } else if (!r->lines.empty()) {
          log(LogLevel::warn, "modem[" + config_.name + "]: " + p.error().message);
        }
      }
      if (!stored) {
        inbox_.on_read_failed(*idx);
        continue;
      }
      stored->index = *idx;
      if (auto h = inbox_.on_read(*idx, *stored, Clock::now())) hand_inbound(*h);
    }
    for (int idx : inbox_.take_deletable()) {
      const auto r = co_await command("AT+CMGD=" + std::to_string(idx));
      if (!live(gen)) co_return;
      if (ok(r)) {
        inbox_.on_deleted(idx);
        if (health_.storage_used && *health_.storage_used > 0) --*health_.storage_used;
      } else {
        inbox_.on_delete_failed(idx);
        log(LogLevel::warn, "modem[" + config_.name + "]: +CMGD=" + std::to_string(idx) + ": " +
                                describe_result(r));
      }
    }
    if (health_.storage_full()) sweep_requested_ = true;
    if (sweep_requested_ || Clock::now() >= next_sweep) {
      sweep_requested_ = false;
      co_await sweep(gen);
      next_sweep = Clock::now() + std::chrono::seconds(settings_.sweep_interval_s);
      // A full SIM whose messages all wait for commits: sweep again only when the timer says.
      continue;
    }
    if (!inbox_.has_work()) co_await wait_on(inbound_wake_, next_sweep);
  }
}

// ---- sending ----------------------------------------------------------------------------------

awaitable<void> Modem::sender_loop(std::uint64_t gen) {
  auto self = shared_from_this();
  while (live(gen)) {
    if (send_queue_.empty() || sm_.state() != State::registered) {
      if (!send_queue_.empty() && sm_.state() == State::registering)
        fail_queued_sends("modem " + config_.name + " lost the network");
      co_await wait_on(sender_wake_, Clock::time_point::max());
      continue;
    }
    auto job = std::move(send_queue_.front());
    send_queue_.pop_front();
    send_in_flight_ = true;
    fire(Event::send_sms);
    const int total = static_cast<int>(job.plan.steps.size());
    std::vector<SegmentResult> results;
    results.reserve(job.plan.steps.size());
    for (auto& step : job.plan.steps) {
      const auto r = co_await command(std::move(step.command));
      auto seg = classify_segment(step.seq, r);
      if (!r && r.error().kind == at::CommandError::Kind::timeout) ++health_.counters.timeouts;
      const bool go_on = seg.status == SegmentStatus::sent;
      if (go_on)
        ++health_.counters.segments_sent;
      else if (seg.status == SegmentStatus::uncertain)
        ++health_.counters.segments_uncertain;
      else
        ++health_.counters.segments_failed;
      results.push_back(std::move(seg));
      if (!go_on) break;
    }
    auto res = summarise(std::move(results), total);
    if (res.outcome != Outcome::sent)
      note_error("send " + std::string(to_string(res.outcome)) + ": " + res.detail);
    if (sm_.fire_if_allowed(Event::send_done)) health_.state = std::string(to_string(sm_.state()));
    job.done(std::move(res));
    send_in_flight_ = false;
    if (stopping_) {
      end_session(End::stopped, "stopped");  // stop() waited for this message
      co_return;
    }
  }
}

// ---- health -----------------------------------------------------------------------------------

awaitable<bool> Modem::poll_registration(std::uint64_t gen) {
  // When registered only the first domain is polled (URCs report the others): an idle modem
  // costs about four commands a minute.
  const bool registered = ready();
  for (const auto& d : settings_.registration) {
    const std::string verb = d == "creg" ? "+CREG" : d == "cgreg" ? "+CGREG" : "+CEREG";
    const auto r = co_await command("AT" + verb + "?");
    if (!live(gen)) co_return false;
    if (ok(r)) {
      for (const auto& l : r->lines)
        if (auto reg = at::parse_registration(l, true)) on_registration(*reg);
    }
    if (registered) break;
  }
  if (!registered && ready()) {
    const auto c = co_await command("AT+COPS?");
    if (!live(gen)) co_return false;
    if (ok(c)) {
      for (const auto& l : c->lines)
        if (auto op = at::parse_cops_query(l); op && op->oper) health_.operator_name = *op->oper;
    }
  }
  publish_health();
  co_return ready();
}

awaitable<void> Modem::health_loop(std::uint64_t gen) {
  auto self = shared_from_this();
  int polls = 0;
  while (live(gen)) {
    // The first poll runs at once: an operator asking `jumbe modems` right after start should see
    // the signal, not wait a whole idle interval for it.
    if (polls > 0) {
      const auto interval = ready() ? std::chrono::milliseconds(settings_.health_interval_s * 1000)
                                    : config_.registration_poll;
      co_await wait_on(health_wake_, Clock::now() + interval);
      if (!live(gen)) co_return;
    }
    const auto q = co_await command("AT+CSQ", at::CommandKind::plain, at::Priority::ussd);
    if (!live(gen)) co_return;
    if (ok(q)) {
      for (const auto& l : q->lines) {
        if (auto s = at::parse_csq(l)) {
          health_.signal_dbm = s->rssi_dbm;
          health_.ber_class = s->ber_class;
        }
      }
    }
    (void)co_await poll_registration(gen);
    if (!live(gen)) co_return;
    if (++polls % 4 == 0) {
      const auto p = co_await command("AT+CPMS?");
      if (!live(gen)) co_return;
      if (ok(p)) {
        for (const auto& l : p->lines) {
          if (auto use = at::parse_cpms(l); use && !use->empty()) {
            health_.storage_used = use->front().used;
            health_.storage_total = use->front().total;
          }
        }
      }
      if (health_.storage_full()) {
        sweep_requested_ = true;
        wake(inbound_wake_);
      }
    }
    publish_health();
  }
}

}  // namespace jumbe::modem
