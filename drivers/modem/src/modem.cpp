// Modem lifecycle (see modem.hpp): the life() coroutine opens the port, brings the modem up
// (TS 27.007 / 27.005 order: AT, ATE0, +CMEE=1, identity, +CPIN, +CMGF=0, +CPMS, +CNMI,
// registration URCs), runs the traffic loops for the session, and on port loss, silence or a
// reset request tears the session down and comes back with backoff. Only life() fires the
// lifecycle events of the state table; the traffic loops fire SEND_SMS / SEND_DONE and the
// registration URCs NETWORK_UP / NETWORK_LOST.
#include "jumbe/modem/modem.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "jumbe/at/replies.hpp"
#include "jumbe/serial/port.hpp"

namespace jumbe::modem {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

std::shared_ptr<Modem> Modem::create(asio::any_io_executor executor, ModemConfig config,
                                     ModemEvents events) {
  return std::shared_ptr<Modem>(
      new Modem(std::move(executor), std::move(config), std::move(events)));
}

Modem::Modem(asio::any_io_executor executor, ModemConfig config, ModemEvents events)
    : executor_(executor),
      config_(std::move(config)),
      events_(std::move(events)),
      sm_(config_.name, nullptr),
      ussd_(config_.ussd),
      backoff_(config_.reopen_base, config_.reopen_cap),
      session_timer_(executor),
      sender_wake_(executor),
      inbound_wake_(executor),
      health_wake_(executor),
      ussd_timer_(executor),
      pause_timer_(executor) {
  sm_ = StateMachine(config_.name, [this](std::string_view line) {
    // One line per transition; the per-message SEND_SMS / SEND_DONE pair goes at debug so a
    // busy modem does not drown the operator's log.
    const bool chatty = line.find(": SEND_") != std::string_view::npos;
    log(chatty ? LogLevel::debug : LogLevel::info, std::string(line));
  });
  health_.state = std::string(to_string(State::closed));
}

Modem::~Modem() {
  if (channel_) channel_->close("modem destroyed");
}

void Modem::log(LogLevel level, const std::string& text) {
  if (events_.on_log) events_.on_log(level, text);
}

void Modem::note_error(const std::string& text) {
  health_.last_error = text;
  log(LogLevel::warn, "modem[" + config_.name + "]: " + text);
}

void Modem::fire(Event e) {
  sm_.fire(e);
  health_.state = std::string(to_string(sm_.state()));
  publish_health();
}

void Modem::publish_health(bool force) {
  if (!force && !significant(published_, health_)) return;
  published_ = health_;
  if (events_.on_health) events_.on_health(health_);
}

void Modem::start() {
  asio::co_spawn(
      executor_, [self = shared_from_this()]() { return self->life(); }, asio::detached);
}

void Modem::stop(std::function<void()> done) {
  if (sm_.state() == State::closed || sm_.state() == State::stopped) {
    if (sm_.state() == State::closed) fire(Event::stop);
    if (done) asio::post(executor_, std::move(done));
    return;
  }
  stop_done_ = std::move(done);
  stopping_ = true;
  pause_timer_.cancel();
  fail_queued_sends("modem " + config_.name + " is stopping");
  if (send_in_flight_) {
    // Let the +CMGS in flight finish (its own AT timeout bounds the wait): cutting it off would
    // leave the message uncertain and send it twice after a restart. sender_loop ends the
    // session when that message is done.
    return;
  }
  end_session(End::stopped, "stopped");
  wake(session_timer_);
}

void Modem::fail_queued_sends(const std::string& why) {
  auto queue = std::move(send_queue_);
  send_queue_.clear();
  for (auto& job : queue) {
    SendResult r;
    r.outcome = Outcome::retry_elsewhere;
    r.detail = why;
    for (std::size_t i = 0; i < job.plan.steps.size(); ++i)
      r.segments.push_back(SegmentResult{static_cast<int>(i + 1), SegmentStatus::not_attempted,
                                         std::nullopt, std::nullopt, ""});
    job.done(std::move(r));
  }
}

void Modem::end_session(End kind, const std::string& reason) {
  if (!session_live_) return;
  session_live_ = false;
  end_ = kind;
  end_reason_ = reason;
  ++session_;
  wake(session_timer_);
  wake(sender_wake_);
  wake(inbound_wake_);
  wake(health_wake_);
}

awaitable<at::CommandResult> Modem::command(at::Command cmd) {
  auto ch = channel_;
  if (!ch)
    co_return tl::unexpected(
        at::CommandError{at::CommandError::Kind::cancelled, "port is not open"});
  co_return co_await ch->command(std::move(cmd), use_awaitable);
}

awaitable<at::CommandResult> Modem::command(std::string line, at::CommandKind kind,
                                            at::Priority prio) {
  at::Command c = at::plain_command(std::move(line), prio);
  c.kind = kind;
  co_return co_await command(std::move(c));
}

awaitable<void> Modem::sleep(std::chrono::milliseconds d) {
  // Only life() sleeps on this timer; stop() cancels it so a long backoff never delays a stop.
  if (stopping_) co_return;
  pause_timer_.expires_after(d);
  boost::system::error_code ec;
  co_await pause_timer_.async_wait(asio::redirect_error(use_awaitable, ec));
}

namespace {
std::string describe_result(const at::CommandResult& r) {
  if (!r) return r.error().message;
  if (r->final.error) return at::describe(*r->final.error);
  return r->final.text;
}
bool ok(const at::CommandResult& r) {
  return r && r->final.is_ok();
}
}  // namespace

awaitable<void> Modem::life() {
  auto self = shared_from_this();
  fire(Event::start);
  while (!stopping_) {
    // OPENING
    auto stream = serial::open_stream(executor_, config_.device, config_.line);
    if (!stream) {
      note_error(stream.error().message);
      fire(Event::port_failed);
      co_await sleep(backoff_.next());
      if (stopping_) break;
      fire(Event::retry);
      continue;
    }
    at::EngineConfig ec;
    ec.timeouts = config_.timeouts;
    channel_ = at::AtChannel::create(std::move(*stream), ec);
    const auto gen = ++session_;
    session_live_ = true;
    end_ = End::none;
    std::weak_ptr<Modem> weak = self;
    channel_->on_urc([weak, gen](const at::Urc& u) {
      if (auto m = weak.lock(); m && m->live(gen)) m->on_urc(u);
    });
    channel_->on_event([weak, gen](const at::ChannelEvent& e) {
      if (auto m = weak.lock(); m && m->live(gen)) m->on_channel_event(e);
    });
    if (config_.trace) {
      channel_->on_trace(
          [weak](const std::string& line) {
            if (auto m = weak.lock())
              m->log(LogLevel::debug, "modem[" + m->config_.name + "] " + line);
          },
          config_.trace_options);
    }
    channel_->start();
    inbox_.on_reconnect();
    fire(Event::port_opened);

    const bool up = co_await bring_up(gen);
    if (up && live(gen)) {
      asio::co_spawn(executor_, sender_loop(gen), asio::detached);
      asio::co_spawn(executor_, inbound_loop(gen), asio::detached);
      asio::co_spawn(executor_, health_loop(gen), asio::detached);
      while (live(gen)) {
        session_timer_.expires_at(asio::steady_timer::time_point::max());
        boost::system::error_code ignored;
        co_await session_timer_.async_wait(asio::redirect_error(use_awaitable, ignored));
      }
    }
    co_await teardown();
    if (sm_.state() == State::sim_locked) {
      // A human must fix the PIN or the SIM; nothing is retried (three wrong PINs lock it).
      while (!stopping_) {
        session_timer_.expires_at(asio::steady_timer::time_point::max());
        boost::system::error_code ignored;
        co_await session_timer_.async_wait(asio::redirect_error(use_awaitable, ignored));
      }
    }
  }
  if (sm_.state() != State::stopped) fire(Event::stop);
  if (stop_done_) {
    auto done = std::move(stop_done_);
    done();
  }
}

// Leaves the session: fails what cannot continue, then resets, waits for the port, or stops.
awaitable<void> Modem::teardown() {
  if (session_live_) end_session(End::unresponsive, "bring-up failed");
  const auto why = end_reason_;
  ussd_.abort("modem " + config_.name + " left service: " + why);
  drain_ussd_outputs();
  fail_queued_sends("modem " + config_.name + " left service: " + why);
  registered_.clear();
  health_.registration.reset();
  const auto state = sm_.state();
  if (state == State::sim_locked || state == State::stopped) {
    if (channel_) channel_->close(why);
    channel_.reset();
    co_return;
  }
  if (end_ == End::stopped) {
    if (channel_) channel_->close("stopped");
    channel_.reset();
    fire(Event::stop);
    co_return;
  }
  if (end_ == End::port_lost || state == State::waiting_port || state == State::probing) {
    if (channel_) channel_->close(why);
    channel_.reset();
    // A port that never answered AT is treated like a missing one: wait and reopen.
    if (state == State::probing)
      fire(Event::probe_failed);
    else if (state != State::waiting_port)
      fire(Event::port_lost);
    note_error("port lost: " + why);
    co_await sleep(backoff_.next());
    if (stopping_) co_return;
    fire(Event::retry);
    co_return;
  }
  // Unresponsive, failed bring-up or a reset request.
  ++health_.counters.resets;
  if (state == State::registering || state == State::registered || state == State::sending)
    fire(end_ == End::reset_requested ? Event::reset : Event::unresponsive);
  else if (state == State::initialising || state == State::configuring)
    fire(Event::unresponsive);
  note_error("resetting: " + why);
  if (settings_.reset_method == ResetMethod::cfun11 && channel_ && channel_->is_open()) {
    // AT+CFUN=1,1 (TS 27.007 8.2): full functionality with a modem reset; the port usually
    // disappears and comes back, so the answer is not awaited for long.
    at::Command c = at::plain_command("AT+CFUN=1,1", at::Priority::urgent);
    c.kind = at::CommandKind::sim;
    c.timeout = std::chrono::milliseconds(5000);
    (void)co_await command(std::move(c));
    if (channel_) channel_->close("reset");
    channel_.reset();
    co_await sleep(config_.reset_settle);
  } else {
    if (channel_) channel_->close("reset by reopening");
    channel_.reset();
  }
  co_await sleep(backoff_.next());
  if (stopping_) co_return;
  fire(Event::reset_done);
}

awaitable<bool> Modem::bring_up(std::uint64_t gen) {
  // PROBING: a modem that has just booted may swallow the first AT.
  bool answered = false;
  for (int i = 0; i < 3 && live(gen) && !answered; ++i) {
    const auto r = co_await command("AT", at::CommandKind::probe, at::Priority::urgent);
    answered = ok(r);
  }
  if (!live(gen)) co_return false;
  if (!answered) {
    note_error(config_.device + " does not answer AT (is it the modem's AT port?)");
    fire(Event::probe_failed);
    end_session(End::port_lost, "no answer to AT");
    co_return false;
  }
  fire(Event::probe_ok);

  const auto init = co_await initialise(gen);
  if (!live(gen)) co_return false;
  if (init == Step::failed) {  // SIM trouble: initialise() said why
    fire(Event::sim_refused);
    end_session(End::stopped, health_.last_error);
    co_return false;
  }
  if (init != Step::ok) {
    end_session(End::unresponsive, "initialisation did not complete");
    co_return false;
  }
  fire(Event::init_ok);

  const auto conf = co_await configure(gen);
  if (!live(gen)) co_return false;
  if (conf != Step::ok) {
    if (conf == Step::failed) fire(Event::config_failed);
    end_session(End::unresponsive, "configuration failed: " + health_.last_error);
    co_return false;
  }
  fire(Event::config_ok);
  (void)co_await poll_registration(gen);
  co_return live(gen);
}

awaitable<Modem::Step> Modem::initialise(std::uint64_t gen) {
  for (const char* c : {"ATE0", "AT+CMEE=1"}) {
    const auto r = co_await command(c);
    if (!live(gen)) co_return Step::ended;
    if (!r) co_return Step::timeout;
  }
  // Identity (TS 27.007 5.1-5.4). Failures here are tolerated: not every modem answers all.
  auto first_line = [](const at::CommandResult& r) -> std::string {
    if (!ok(r) || r->lines.empty()) return "";
    std::string s = r->lines.front();
    for (const char* p : {"+CGMI: ", "+CGMM: ", "+CGMR: "})
      if (s.starts_with(p)) s = s.substr(std::string_view(p).size());
    return s;
  };
  health_.manufacturer = first_line(co_await command("AT+CGMI"));
  health_.model = first_line(co_await command("AT+CGMM"));
  health_.revision = first_line(co_await command("AT+CGMR"));
  if (!live(gen)) co_return Step::ended;
  if (const auto r = co_await command("AT+CGSN"); ok(r)) {
    if (auto imei = at::parse_imei(r->lines)) health_.imei = *imei;
  }
  if (!live(gen)) co_return Step::ended;

  // Profile: configured by name, else matched on USB id and identity.
  Profile profile;
  if (config_.profile != "auto") {
    auto p = find_profile(config_.profile);
    if (!p) {
      note_error("unknown profile '" + config_.profile + "', using generic");
      p = find_profile("generic");
    }
    profile = *p;
  } else {
    profile = match_profile({config_.usb, health_.manufacturer, health_.model});
  }
  if (auto r = apply_overrides(profile, config_.overrides); !r) note_error(r.error());
  auto s = resolve_settings(profile);
  if (!s) {
    note_error(s.error() + "; using the generic profile");
    profile = *find_profile("generic");
    s = resolve_settings(profile);
  }
  settings_ = *s;
  health_.profile = profile.name;
  log(LogLevel::info, "modem[" + config_.name + "]: " + health_.manufacturer + " " + health_.model +
                          " " + health_.revision + ", profile " + profile.name);
  for (const auto& c : settings_.extra_init) {
    const auto r = co_await command(c);
    if (!live(gen)) co_return Step::ended;
    if (!ok(r))
      log(LogLevel::warn, "modem[" + config_.name + "]: " + c + ": " + describe_result(r));
  }

  // SIM (TS 27.007 8.3). The PIN is sent at most once per daemon run: a refused PIN is never
  // retried, since three wrong tries lock the SIM behind its PUK.
  for (int attempt = 0; attempt < 10; ++attempt) {
    const auto r = co_await command("AT+CPIN?", at::CommandKind::sim);
    if (!live(gen)) co_return Step::ended;
    if (!r) co_return Step::timeout;
    if (!r->final.is_ok()) {
      const auto why = describe_result(r);
      // +CME ERROR: 10 SIM not inserted, 13 SIM failure; 14 SIM busy is worth waiting for.
      if (r->final.error && r->final.error->code == 14) {
        co_await sleep(std::chrono::milliseconds(1000));
        continue;
      }
      note_error("SIM not usable: " + why);
      co_return Step::failed;
    }
    std::optional<at::SimState> sim;
    for (const auto& l : r->lines)
      if (auto st = at::parse_cpin(l)) sim = *st;
    health_.sim = sim;
    if (sim == at::SimState::ready) break;
    if (sim == at::SimState::sim_pin) {
      if (pin_refused_) {
        note_error("SIM PIN was refused before; not trying it again (fix the PIN in the config)");
        co_return Step::failed;
      }
      if (!config_.pin) {
        note_error("SIM asks for a PIN and none is configured (set pin for modem " + config_.name +
                   ")");
        co_return Step::failed;
      }
      const auto pr = co_await command("AT+CPIN=\"" + *config_.pin + "\"", at::CommandKind::sim);
      if (!live(gen)) co_return Step::ended;
      if (!pr) co_return Step::timeout;
      if (!pr->final.is_ok()) {
        pin_refused_ = true;
        note_error("SIM PIN refused (" + describe_result(pr) +
                   "); it will not be tried again: fix it in the config and restart");
        co_return Step::failed;
      }
      co_await sleep(std::chrono::milliseconds(500));
      continue;
    }
    if (sim) {
      note_error("SIM is " + std::string(describe(*sim)));
      co_return Step::failed;
    }
    co_await sleep(std::chrono::milliseconds(500));
  }
  if (health_.sim != at::SimState::ready) {
    note_error("SIM did not become ready");
    co_return Step::timeout;
  }
  if (const auto r = co_await command("AT+CIMI"); ok(r)) {
    if (auto imsi = at::parse_imsi(r->lines)) health_.imsi = *imsi;
  }
  if (const auto r = co_await command("AT+CCID"); ok(r)) {
    if (auto iccid = at::parse_iccid(r->lines)) health_.iccid = *iccid;
  }
  co_return live(gen) ? Step::ok : Step::ended;
}

awaitable<Modem::Step> Modem::configure(std::uint64_t gen) {
  // PDU mode (TS 27.005 3.2.3) is required: text mode cannot carry UDH or UCS2 reliably.
  auto r = co_await command("AT+CMGF=0");
  if (!live(gen)) co_return Step::ended;
  if (!r) co_return Step::timeout;
  if (!r->final.is_ok()) {
    note_error("AT+CMGF=0 (PDU mode) refused: " + describe_result(r));
    co_return Step::failed;
  }
  const auto& st = settings_.sms_storage;
  r = co_await command("AT+CPMS=\"" + st + "\",\"" + st + "\",\"" + st + "\"");
  if (!live(gen)) co_return Step::ended;
  if (ok(r)) {
    for (const auto& l : r->lines) {
      if (auto use = at::parse_cpms(l); use && !use->empty()) {
        health_.storage_used = use->front().used;
        health_.storage_total = use->front().total;
      }
    }
  } else {
    log(LogLevel::warn, "modem[" + config_.name + "]: +CPMS " + st + ": " + describe_result(r));
  }
  if (settings_.direct_delivery) {
    // +CNMA needs phase 2+ (TS 27.005 3.2.1 <service> 1).
    r = co_await command("AT+CSMS=1");
    if (!live(gen)) co_return Step::ended;
  }
  r = co_await command("AT+CNMI=" + settings_.cnmi);
  if (!live(gen)) co_return Step::ended;
  if (!r) co_return Step::timeout;
  if (!r->final.is_ok()) {
    // Without +CNMI we still find messages with the periodic +CMGL sweep: degrade, not fail.
    note_error("AT+CNMI=" + settings_.cnmi + " refused (" + describe_result(r) +
               "); inbound messages will wait for the periodic sweep");
  }
  if (settings_.supports_cmms) {
    r = co_await command("AT+CMMS=2");  // keep the relay link open between segments
    if (!live(gen)) co_return Step::ended;
  }
  for (const auto& d : settings_.registration) {
    std::string verb = d == "creg" ? "+CREG" : d == "cgreg" ? "+CGREG" : "+CEREG";
    r = co_await command("AT" + verb + "=2");
    if (!live(gen)) co_return Step::ended;
    if (r && !r->final.is_ok()) (void)co_await command("AT" + verb + "=1");
  }
  (void)co_await command("AT+COPS=3,0");  // long alphanumeric operator names
  co_return live(gen) ? Step::ok : Step::ended;
}

}  // namespace jumbe::modem
