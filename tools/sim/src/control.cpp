// Control protocol requests (see control.hpp and docs/jumbe-sim.md).
#include "control.hpp"

namespace jumbe::sim {

using nlohmann::json;

namespace {

json fail(const std::string& why) {
  return json{{"ok", false}, {"error", why}};
}

const char* sim_state_name(SimState s) {
  switch (s) {
    case SimState::ready:
      return "ready";
    case SimState::pin:
      return "pin";
    case SimState::puk:
      return "puk";
    case SimState::absent:
      return "absent";
  }
  return "?";
}

tl::expected<UssdNode, std::string> parse_menu(const json& j, int depth = 0) {
  if (depth > 16) return tl::make_unexpected(std::string{"menu: nested too deep"});
  if (j.is_string()) return UssdNode{j.get<std::string>(), {}};
  if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
    return tl::make_unexpected(std::string{"menu: each node needs a \"text\" string"});
  }
  UssdNode n{j["text"].get<std::string>(), {}};
  if (j.contains("options")) {
    if (!j["options"].is_object()) {
      return tl::make_unexpected(std::string{"menu: \"options\" must be an object"});
    }
    for (const auto& [k, v] : j["options"].items()) {
      auto child = parse_menu(v, depth + 1);
      if (!child) return child;
      n.options[k] = std::move(*child);
    }
  }
  return n;
}

json counters_json(const Counters& c) {
  return json{{"commands", c.commands},
              {"errors", c.errors},
              {"sms_sent", c.sms_sent},
              {"sms_send_failed", c.sms_send_failed},
              {"sms_delivered", c.sms_delivered},
              {"sms_stored", c.sms_stored},
              {"sms_held_by_network", c.sms_dropped},
              {"status_reports", c.status_reports},
              {"ussd_requests", c.ussd_requests},
              {"unplugs", c.unplugs},
              {"resets", c.resets},
              {"bytes_in", c.bytes_in},
              {"bytes_out", c.bytes_out}};
}

int int_field(const json& j, const char* k, int dflt) {
  if (!j.contains(k) || !j[k].is_number_integer()) return dflt;
  return j[k].get<int>();
}

}  // namespace

json sent_to_json(const SentRecord& r) {
  json j{{"mr", r.mr},   {"to", r.to},     {"text", r.text},      {"encoding", r.encoding},
         {"srr", r.srr}, {"mode", r.mode}, {"time_ms", r.time_ms}};
  j["validity_minutes"] = r.validity_minutes ? json(*r.validity_minutes) : json(nullptr);
  j["class"] = r.message_class ? json(*r.message_class) : json(nullptr);
  if (r.concat_ref >= 0) {
    j["concat"] = json{{"ref", r.concat_ref},
                       {"total", r.concat_total},
                       {"seq", r.concat_seq},
                       {"ref_bits", r.concat_ref_bits}};
  } else {
    j["concat"] = nullptr;
  }
  j["udh"] = r.udh_hex;
  j["pdu"] = r.pdu_hex;
  return j;
}

std::string Control::handle_line(const std::string& line) {
  json req = json::parse(line, nullptr, false);
  if (req.is_discarded() || !req.is_object()) {
    return fail("request is not a JSON object").dump();
  }
  return handle(req).dump();
}

json Control::handle(const json& req) {
  if (!req.contains("cmd") || !req["cmd"].is_string()) return fail("missing \"cmd\"");
  const auto cmd = req["cmd"].get<std::string>();
  if (cmd == "ping") return json{{"ok", true}};

  // Which modem: "modem": index or name (default 0).
  ModemRunner* m = nullptr;
  if (!req.contains("modem") || req["modem"].is_number_integer()) {
    const int i = req.contains("modem") ? req["modem"].get<int>() : 0;
    if (i < 0 || i >= static_cast<int>(modems_.size())) {
      return fail("no modem with index " + std::to_string(i));
    }
    m = modems_[static_cast<std::size_t>(i)].get();
  } else if (req["modem"].is_string()) {
    const auto name = req["modem"].get<std::string>();
    for (auto& r : modems_) {
      if (r->engine().options().identity.name == name) m = r.get();
    }
    if (!m) return fail("no modem named '" + name + "'");
  } else {
    return fail("\"modem\" must be an index or a name");
  }
  Engine& e = m->engine();

  if (cmd == "modems") {
    json list = json::array();
    for (auto& r : modems_) {
      const auto& o = r->engine().options();
      list.push_back(json{{"index", r->index()},
                          {"name", o.identity.name},
                          {"pty", r->pty_path()},
                          {"device", r->slave_path()},
                          {"profile", o.profile.name},
                          {"operator", o.identity.operator_long},
                          {"mccmnc", o.identity.mccmnc},
                          {"msisdn", o.identity.msisdn},
                          {"imsi", o.identity.imsi},
                          {"imei", o.identity.imei},
                          {"iccid", o.identity.iccid},
                          {"plugged", r->plugged()},
                          {"registered", r->engine().registered()},
                          {"sim", sim_state_name(r->engine().sim_state())},
                          {"signal", r->engine().rssi()}});
    }
    return json{{"ok", true}, {"modems", list}};
  }
  if (cmd == "deliver") {
    if (!req.contains("from") || !req["from"].is_string()) return fail("deliver needs \"from\"");
    if (!req.contains("text") || !req["text"].is_string()) return fail("deliver needs \"text\"");
    Engine::DeliverOptions d;
    d.from = req["from"].get<std::string>();
    d.text = req["text"].get<std::string>();
    if (req.contains("encoding") && req["encoding"].is_string()) {
      d.encoding = req["encoding"].get<std::string>();
    }
    if (req.value("flash", false)) d.message_class = 0;
    if (req.contains("class") && req["class"].is_number_integer()) {
      d.message_class = req["class"].get<int>();
    }
    const auto r = e.deliver(d);
    if (!r) return fail(r.error());
    json idx = json::array();
    for (int i : *r)
      idx.push_back(i == -2 ? json(nullptr) : json(i));
    return json{{"ok", true}, {"parts", r->size()}, {"indices", idx}};
  }
  if (cmd == "sent") {
    json list = json::array();
    for (const auto& s : e.sent())
      list.push_back(sent_to_json(s));
    if (req.value("clear", false)) e.clear_sent();
    return json{{"ok", true}, {"sent", list}};
  }
  if (cmd == "status_report") {
    if (!req.contains("mr") || !req["mr"].is_number_integer())
      return fail("status_report needs \"mr\"");
    const int st = int_field(req, "status", 0);
    if (st < 0 || st > 255) return fail("status must be 0..255 (TP-ST)");
    const auto r = e.status_report(req["mr"].get<int>(), st);
    if (!r) return fail(r.error());
    return json{{"ok", true}};
  }
  if (cmd == "ussd_script") {
    if (!req.contains("code") || !req["code"].is_string())
      return fail("ussd_script needs \"code\"");
    if (!req.contains("menu")) return fail("ussd_script needs \"menu\"");
    auto menu = parse_menu(req["menu"]);
    if (!menu) return fail(menu.error());
    e.set_ussd_script(req["code"].get<std::string>(), std::move(*menu));
    return json{{"ok", true}};
  }
  if (cmd == "ussd_notify") {
    if (!req.contains("text") || !req["text"].is_string())
      return fail("ussd_notify needs \"text\"");
    e.network_ussd(req["text"].get<std::string>(), req.value("reply", false));
    return json{{"ok", true}};
  }
  if (cmd == "inbox") {
    const auto storage = req.value("storage", std::string{"SM"});
    if (storage != "SM" && storage != "ME") return fail("storage must be SM or ME");
    json list = json::array();
    for (const auto& [i, s] : e.storage(storage)) {
      list.push_back(json{{"index", i},
                          {"stat", s.stat},
                          {"from", s.address},
                          {"text", s.text},
                          {"status_report", s.status_report},
                          {"pdu", s.pdu_hex}});
    }
    return json{{"ok", true}, {"messages", list}};
  }
  if (cmd == "counters") return json{{"ok", true}, {"counters", counters_json(e.counters())}};
  if (cmd == "reset") {
    e.reset_state();
    return json{{"ok", true}};
  }
  if (cmd == "set") {
    auto& o = e.mutable_options();
    auto& ro = m->options();
    bool any = false;
    auto num = [&](const char* k, auto& field, long lo, long hi) -> std::optional<json> {
      if (!req.contains(k)) return std::nullopt;
      any = true;
      if (!req[k].is_number_integer()) return fail(std::string{k} + " must be an integer");
      const auto v = req[k].get<long>();
      if (v < lo || v > hi) {
        return fail(std::string{k} + " out of range " + std::to_string(lo) + ".." +
                    std::to_string(hi));
      }
      field = static_cast<std::remove_reference_t<decltype(field)>>(v);
      return std::nullopt;
    };
    int signal = o.signal_rssi;
    for (auto r :
         {num("command_latency_ms", ro.command_latency_ms, 0, 600000),
          num("send_latency_ms", ro.send_latency_ms, 0, 600000),
          num("max_sends_per_minute", o.max_sends_per_minute, 0, 100000),
          num("status_report_delay_ms", o.status_report_delay_ms, 0, 86400000),
          num("status_report_status", o.status_report_status, 0, 255),
          num("balance_cents", o.balance_cents, 0, 1000000000), num("signal", signal, 0, 31)}) {
      if (r) return *r;
    }
    if (req.contains("auto_status_reports")) {
      any = true;
      if (!req["auto_status_reports"].is_boolean())
        return fail("auto_status_reports must be true/false");
      o.auto_status_reports = req["auto_status_reports"].get<bool>();
    }
    if (signal != o.signal_rssi) e.set_signal(signal);
    if (!any) return fail("set: nothing to set (see docs/jumbe-sim.md for the fields)");
    return json{{"ok", true}};
  }
  if (cmd == "fault") {
    if (!req.contains("kind") || !req["kind"].is_string()) return fail("fault needs \"kind\"");
    const auto kind = req["kind"].get<std::string>();
    auto& f = e.faults();
    const int count = int_field(req, "count", 1);
    if (count < 0) return fail("count must be >= 0");
    if (kind == "no_answer") {
      f.no_answer = count;
    } else if (kind == "garbage") {
      f.garbage = count;
    } else if (kind == "cms_error" || kind == "cme_error") {
      if (!req.contains("code") || !req["code"].is_number_integer())
        return fail(kind + " needs \"code\"");
      f.send_error_code = req["code"].get<int>();
      f.send_error_cme = kind == "cme_error";
      f.send_error_count = count;
    } else if (kind == "sim_full") {
      e.set_sim_full(req.value("on", true));
    } else if (kind == "network") {
      const bool lost = req.value("lost", true);
      e.set_network(lost);
      const int regain = int_field(req, "regain_after_ms", 0);
      if (lost && regain > 0) {
        m->after(std::chrono::milliseconds{regain}, [&e] { e.set_network(false); });
      }
    } else if (kind == "credit") {
      f.credit_exhausted = req.value("exhausted", true);
      f.credit_error_code = int_field(req, "code", f.credit_error_code);
      if (f.credit_exhausted) e.mutable_options().balance_cents = 0;
    } else if (kind == "unplug") {
      const int replug = int_field(req, "replug_after_ms", 0);
      if (replug < 0) return fail("replug_after_ms must be >= 0");
      m->unplug(replug);
    } else if (kind == "replug") {
      if (const auto r = m->replug(); !r) return fail(r.error());
    } else if (kind == "sim") {
      const auto state = req.value("state", std::string{});
      auto& o = e.mutable_options();
      if (state == "absent") {
        o.sim_present = false;
      } else if (state == "ready") {
        o.sim_present = true;
        o.pin.clear();
      } else if (state == "pin") {
        o.sim_present = true;
        o.pin = req.value("pin", std::string{"1234"});
      } else {
        return fail("sim state must be absent, ready or pin");
      }
      e.reset_sim();
    } else if (kind == "latency") {
      // The same knobs as "set", under the name the architecture's fault list uses.
      const int cmd_ms = int_field(req, "command_ms", m->options().command_latency_ms);
      const int send_ms = int_field(req, "send_ms", m->options().send_latency_ms);
      if (cmd_ms < 0 || send_ms < 0) return fail("latency must be >= 0");
      m->options().command_latency_ms = cmd_ms;
      m->options().send_latency_ms = send_ms;
    } else if (kind == "clear") {
      e.set_sim_full(false);
      e.set_network(false);
      f = Faults{};
    } else {
      return fail("unknown fault kind '" + kind +
                  "' (no_answer, garbage, cms_error, cme_error, sim_full, network, credit, "
                  "unplug, replug, sim, latency, clear)");
    }
    return json{{"ok", true}};
  }
  return fail("unknown cmd '" + cmd + "'");
}

}  // namespace jumbe::sim
