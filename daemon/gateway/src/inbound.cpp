// The inbound path: driver event -> store commit -> the driver's commit callback (only then is
// the SIM copy deleted) -> reassembly in the store -> event log (the store appends it) -> the
// InboundHandler seam. Status reports take the same road to their segment. Modem health moves the
// router's readiness and lands in the event log.
#include <ctime>

#include "jumbe/gateway/gateway.hpp"
#include "jumbe/log/setup.hpp"
#include "runner.hpp"

namespace jumbe::gateway {

namespace {

// TP-SCTS (TS 23.040 9.2.3.11) to UTC epoch ms: local fields minus the quarter-hour offset.
std::optional<std::int64_t> epoch_ms(const pdu::Timestamp& ts) {
  std::tm tm{};
  tm.tm_year = ts.year - 1900;
  tm.tm_mon = ts.month - 1;
  tm.tm_mday = ts.day;
  tm.tm_hour = ts.hour;
  tm.tm_min = ts.minute;
  tm.tm_sec = ts.second;
  const std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return (static_cast<std::int64_t>(t) - static_cast<std::int64_t>(ts.tz_quarters) * 900) * 1000;
}

}  // namespace

void Gateway::on_inbound(const std::shared_ptr<Runner>& r, modem::InboundMessage m) {
  auto lg = log::get("inbound");
  store::InboundPart p;
  p.modem = r->cfg.name;
  p.raw_pdu = m.pdu;
  p.received_at = now();
  if (m.deliver) {
    const auto& d = *m.deliver;
    auto sender = numbers_.parse_sender(d.sender.value);
    p.sender = sender ? sender->text : d.sender.value;
    if (d.has_udh && d.udh.concat) {
      p.concat_ref = d.udh.concat->ref;
      p.total = d.udh.concat->total;
      p.seq = d.udh.concat->seq;
    }
    p.text = d.text;
    p.sc_timestamp = epoch_ms(d.timestamp);
  } else {
    // Kept verbatim for a human rather than deleted unread (house style 7).
    lg->warn("modem {}: a message at {} {} did not decode ({}); stored raw", r->cfg.name, m.storage,
             m.index, m.decode_error);
    p.sender = "unknown";
  }
  if (p.sender.empty()) p.sender = "unknown";
  const std::string from = log::number(p.sender, log::privacy());
  store_.add_inbound_part(
      std::move(p), on_loop<store::InboundPartResult>(
                        [this, lg, from, commit = std::move(m.commit),
                         name = r->cfg.name](store::Result<store::InboundPartResult> res) {
                          if (!res) {
                            // Not committed: the message stays on the SIM and is read again.
                            lg->error("modem {}: storing a message from {}: {}; left on the SIM",
                                      name, from, res.error().message);
                            return;
                          }
                          if (commit) commit();
                          if (!res->duplicate) count(name, [](ModemCounters& c) { ++c.received; });
                          if (res->duplicate)
                            lg->debug("modem {}: part from {} already stored", name, from);
                          if (res->complete && !res->duplicate) deliver_inbound(res->inbound_id);
                        }));
}

void Gateway::deliver_inbound(store::InboundId id) {
  auto lg = log::get("inbound");
  auto m = store_.inbound_message(id);
  if (!m) return lg->error("inbound {}: reading it back: {}", id, m.error().message);
  const auto& priv = log::privacy();
  lg->info("inbound {} from {} on modem {}: {} part{}, {}", id, log::number(m->sender, priv),
           m->modem, m->total, m->total == 1 ? "" : "s",
           m->text ? log::text(*m->text, log::Privacy{}) : std::string("no text"));
  if (m->text) lg->debug("inbound {} text: {}", id, log::text(*m->text, priv));
  ++metrics_.inbound_messages;
  if (inbound_handler_) inbound_handler_->on_message(*m);
}

void Gateway::on_status_report(const std::shared_ptr<Runner>& r, modem::StatusReportEvent ev) {
  auto lg = log::get("router");
  store::StatusReport s;
  s.modem = r->cfg.name;
  s.tp_mr = ev.mr;
  auto to = numbers_.parse_sender(ev.recipient);
  s.recipient = to ? to->text : ev.recipient;
  s.status = ev.status;
  s.sc_timestamp = epoch_ms(ev.report.timestamp);
  s.received_at = now();
  store_.apply_status_report(
      s, on_loop<store::ReportMatch>([this, lg, commit = std::move(ev.commit), name = r->cfg.name,
                                      mr = ev.mr](store::Result<store::ReportMatch> res) {
        if (!res) {
          lg->error("modem {}: storing a status report (TP-MR {}): {}", name, mr,
                    res.error().message);
          return;
        }
        if (commit) commit();
        if (res->matched && res->state == store::State::delivered)
          count(name, [](ModemCounters& c) { ++c.delivered; });
        if (res->matched)
          lg->info("message {} segment {}: status report: {}", res->message_id, res->seq,
                   store::to_string(res->state));
        else
          lg->info("modem {}: status report TP-MR {} matches no message", name, mr);
      }));
}

void Gateway::on_health(const std::shared_ptr<Runner>& r, const modem::Health& h) {
  if (!r->modem) return;
  const bool ready = r->modem->ready();
  const auto st = r->modem->state();
  if (r->cfg.device.empty() && !stopping_ && runners_.count(r->cfg.name) &&
      runners_[r->cfg.name] == r) {
    // A modem found by IMEI or USB path whose port vanished (unplugged, or renamed by the kernel
    // after a reset) is looked for again instead of waiting on the old name; one whose IMEI is
    // not the configured one (the kernel gave its old name to another modem) is let go too.
    std::string why;
    if (st == modem::State::waiting_port)
      why = "its port " + r->device + " vanished";
    else if (!r->cfg.imei.empty() && !h.imei.empty() && h.imei != r->cfg.imei)
      why = r->device + " now holds IMEI " + h.imei;
    if (!why.empty()) {
      log::get("modem")->warn("modem {}: {}; looking for it again", r->cfg.name, why);
      r->after_stop = [this, m = r->cfg] {
        if (!stopping_) add_modem(m);
      };
      router_.set_ready(r->cfg.name, false);
      retire(r->cfg.name);
      publish_status();
      return;
    }
  }
  router_.set_ready(r->cfg.name, ready);
  if (ready || st == modem::State::sim_locked || st == modem::State::waiting_port) {
    if (!r->settled) {
      r->settled = true;
      check_initialised();
    }
  }
  if (ready != r->was_ready) {
    r->was_ready = ready;
    std::string detail = r->cfg.name + ": " + h.state;
    if (!h.last_error.empty()) detail += " (" + h.last_error + ")";
    store_.append_event(store::EventKind::modem_health, 0, detail, now(),
                        on_loop<store::EventId>([](auto) {}));
  }
  publish_status();
  if (ready) pump(r);
}

}  // namespace jumbe::gateway
