// Engine core: input framing, dispatch, result-code framing (V.25ter 5.7, TS 27.007 9.1) and
// the general commands: identity (TS 27.007 5), +CMEE, +CPIN (8.3), +CSQ (8.5), +CREG/+CGREG/
// +CEREG (7.2, TS 27.007 10.1.19/10.1.22), +COPS (7.3), +CFUN (8.2), +CBC (8.4), +CSCS (5.5).
#include "jumbe/sim/engine.hpp"

#include <algorithm>
#include <cctype>

#include "jumbe/sim/errors.hpp"

namespace jumbe::sim {

namespace {
std::string upper(std::string s) {
  for (auto& ch : s)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}
bool starts_with_at(std::string_view line) {
  return line.size() >= 2 && (line[0] == 'A' || line[0] == 'a') &&
         (line[1] == 'T' || line[1] == 't');
}
std::string hex4(int v) {
  static const char* digits = "0123456789ABCDEF";
  std::string s(4, '0');
  for (int i = 3; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = digits[v & 0xF];
    v >>= 4;
  }
  return s;
}
}  // namespace

Engine::Engine(EngineOptions options, Host& host) : opt_(std::move(options)), host_(host) {
  handlers_ = {
      {"+CGMI", &Engine::cmd_identity},     {"+GMI", &Engine::cmd_identity},
      {"+CGMM", &Engine::cmd_identity},     {"+GMM", &Engine::cmd_identity},
      {"+CGMR", &Engine::cmd_identity},     {"+GMR", &Engine::cmd_identity},
      {"+CGSN", &Engine::cmd_identity},     {"+GSN", &Engine::cmd_identity},
      {"+CIMI", &Engine::cmd_identity},     {"+CCID", &Engine::cmd_identity},
      {"+ICCID", &Engine::cmd_identity},    {"^ICCID", &Engine::cmd_identity},
      {"+QCCID", &Engine::cmd_identity},    {"+CNUM", &Engine::cmd_identity},
      {"+GCAP", &Engine::cmd_identity},     {"+CMEE", &Engine::cmd_cmee},
      {"+CPIN", &Engine::cmd_cpin},         {"+CSQ", &Engine::cmd_csq},
      {"+CREG", &Engine::cmd_creg},         {"+CGREG", &Engine::cmd_creg},
      {"+CEREG", &Engine::cmd_creg},        {"+COPS", &Engine::cmd_cops},
      {"+CFUN", &Engine::cmd_cfun},         {"+CBC", &Engine::cmd_cbc},
      {"+CSCS", &Engine::cmd_cscs},         {"^CURC", &Engine::cmd_curc},
      {"+CMGF", &Engine::cmd_cmgf},         {"+CSCA", &Engine::cmd_csca},
      {"+CSMS", &Engine::cmd_csms},         {"+CPMS", &Engine::cmd_cpms},
      {"+CNMI", &Engine::cmd_cnmi},         {"+CNMA", &Engine::cmd_cnma},
      {"+CSMP", &Engine::cmd_csmp},         {"+CMGS", &Engine::cmd_cmgs},
      {"+CMGW", &Engine::cmd_cmgw},         {"+CMGR", &Engine::cmd_cmgr},
      {"+CMGL", &Engine::cmd_cmgl},         {"+CMGD", &Engine::cmd_cmgd},
      {"+CUSD", &Engine::cmd_cusd},         {"+CLIP", &Engine::cmd_simple_ok},
      {"+CRC", &Engine::cmd_simple_ok},     {"+IFC", &Engine::cmd_simple_ok},
      {"+IPR", &Engine::cmd_simple_ok},     {"+CSDH", &Engine::cmd_simple_ok},
      {"+CTZU", &Engine::cmd_simple_ok},    {"+CLTS", &Engine::cmd_simple_ok},
      {"+CIURC", &Engine::cmd_simple_ok},   {"+QURCCFG", &Engine::cmd_simple_ok},
      {"+CMER", &Engine::cmd_simple_ok},    {"+CVHU", &Engine::cmd_simple_ok},
      {"^PORTSEL", &Engine::cmd_simple_ok}, {"^SYSINFO", &Engine::cmd_simple_ok},
  };
  reset_state();
}

// ---------------------------------------------------------------------------------------------
// Input and output framing

void Engine::input(std::string_view bytes) {
  counters_.bytes_in += bytes.size();
  if (cfun_ < 0) return;  // powered down (between restart and boot)
  reader_.feed(bytes);
  while (auto ev = reader_.next()) {
    switch (ev->kind) {
      case InputEvent::Kind::line:
        handle_line(ev->text);
        break;
      case InputEvent::Kind::repeat:
        // V.25ter 6.2.2: "A/" re-executes the previous line; it is echoed but not terminated.
        if (echo_) host_.emit("A/", Host::Delay::none);
        if (!last_line_.empty()) handle_line(last_line_, false);
        break;
      case InputEvent::Kind::body_send:
      case InputEvent::Kind::body_cancel:
        handle_body(ev->text, ev->kind == InputEvent::Kind::body_send);
        break;
    }
  }
}

void Engine::finish(const std::vector<std::string>& lines, Reply::Final final, int code,
                    Host::Delay delay) {
  std::string out;
  if (verbose_) {
    if (!lines.empty()) {
      out += "\r\n";
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) out += "\r\n";
        out += lines[i];
      }
      out += "\r\n";
    }
  } else {
    for (const auto& l : lines)
      out += l + "\r\n";
  }
  std::string result;
  switch (final) {
    case Reply::Final::ok:
      result = verbose_ ? "OK" : "0";
      break;
    case Reply::Final::error:
      result = verbose_ ? "ERROR" : "4";
      break;
    case Reply::Final::cme:
    case Reply::Final::cms:
      result = error_line(final == Reply::Final::cms, code, cmee_);
      if (!verbose_ && cmee_ == 0) result = "4";
      break;
    case Reply::Final::prompt:
      out += "\r\n> ";  // TS 27.005 3.5.1: <CR><LF><greater_than><space>
      break;
    case Reply::Final::none:
      break;
  }
  if (final != Reply::Final::ok || !result.empty()) {
    if (final == Reply::Final::error || final == Reply::Final::cme || final == Reply::Final::cms) {
      ++counters_.errors;
    }
  }
  if (!result.empty() && !quiet_) out += verbose_ ? "\r\n" + result + "\r\n" : result + "\r";
  if (!out.empty()) host_.emit(std::move(out), delay);
}

void Engine::urc(const std::string& line) {
  if (cfun_ < 0) return;
  host_.emit("\r\n" + line + "\r\n", Host::Delay::none);
}

void Engine::handle_line(const std::string& line, bool echo) {
  if (faults_.no_answer > 0) {
    // Fault: a hung modem neither echoes nor answers.
    --faults_.no_answer;
    return;
  }
  if (echo_ && echo) host_.emit(line + "\r", Host::Delay::none);
  if (!starts_with_at(line)) return;  // V.25ter 5.2.1: characters before "AT" are ignored
  ++counters_.commands;
  last_line_ = line;
  const auto cmds = split_command_line(line);
  if (!cmds) {
    finish({}, Reply::Final::error, 0, Host::Delay::command);
    return;
  }
  std::vector<std::string> lines;
  Reply::Final final = Reply::Final::ok;
  int code = 0;
  for (const auto& c : *cmds) {
    Reply r = dispatch(c);
    lines.insert(lines.end(), r.lines.begin(), r.lines.end());
    final = r.final;
    code = r.code;
    if (final != Reply::Final::ok) break;  // V.25ter 5.4: the rest of the line is skipped
  }
  if (final == Reply::Final::prompt) reader_.set_body_mode(true);
  finish(lines, final, code, Host::Delay::command);
}

void Engine::handle_body(const std::string& body, bool send) {
  if (echo_ && !body.empty()) host_.emit(body, Host::Delay::none);
  const auto pending = pending_;
  pending_ = Pending::none;
  if (!send) {
    // TS 27.005 3.5.1: ESC cancels sending; the modem answers OK.
    finish({}, Reply::Final::ok, 0, Host::Delay::command);
    return;
  }
  if (pending == Pending::none) {
    finish({}, Reply::Final::error, 0, Host::Delay::command);
    return;
  }
  Reply r;
  if (pending == Pending::cmgs) {
    r = submit(body);
  } else {
    // +CMGW: store the message as STO UNSENT (stat 2) and answer its index.
    StoredSms s;
    s.stat = 2;
    if (text_mode_) {
      s.text = body;
      s.address = pending_to_;
    } else {
      s.pdu_hex = body;
      s.tpdu_length = pending_length_;
    }
    const int index = store(mem2_, std::move(s));
    if (index < 0) {
      r = cms_error(cms::memory_full);
    } else {
      r = ok({"+CMGW: " + std::to_string(index)});
    }
  }
  finish(r.lines, r.final, r.code,
         pending == Pending::cmgs ? Host::Delay::send : Host::Delay::command);
}

Engine::Reply Engine::dispatch(const AtCommand& c) {
  if (c.name.size() <= 3 && c.name[0] != '+' && c.name[0] != '^') return cmd_basic(c);
  const auto it = handlers_.find(c.name);
  if (it == handlers_.end()) return error();
  return (this->*(it->second))(c);
}

Engine::Reply Engine::ok(std::vector<std::string> lines) const {
  Reply r;
  r.lines = std::move(lines);
  return r;
}
Engine::Reply Engine::error() {
  Reply r;
  r.final = Reply::Final::error;
  return r;
}
Engine::Reply Engine::cme_error(int code) {
  Reply r;
  r.final = Reply::Final::cme;
  r.code = code;
  return r;
}
Engine::Reply Engine::cms_error(int code) {
  Reply r;
  r.final = Reply::Final::cms;
  r.code = code;
  return r;
}

std::optional<Engine::Reply> Engine::sim_gate(bool sms) const {
  switch (sim_) {
    case SimState::ready:
      return std::nullopt;
    case SimState::absent:
      return sms ? cms_error(cms::sim_not_inserted) : cme_error(cme::sim_not_inserted);
    case SimState::pin:
      return sms ? cms_error(cms::sim_pin_required) : cme_error(cme::sim_pin_required);
    case SimState::puk:
      return sms ? cms_error(316) : cme_error(cme::sim_puk_required);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Power, reset

void Engine::ensure_boot_settings() {
  echo_ = true;
  verbose_ = true;
  quiet_ = false;
  cmee_ = 0;
  creg_n_ = cgreg_n_ = cereg_n_ = 0;
  text_mode_ = opt_.profile.text_mode_default;
  cscs_ = opt_.profile.default_cscs;
  csms_ = 0;
  if (opt_.profile.cmti_by_default) {
    cnmi_[0] = 2;
    cnmi_[1] = 1;
  } else {
    cnmi_[0] = cnmi_[1] = 0;
  }
  cnmi_[2] = cnmi_[3] = cnmi_[4] = 0;
  mem1_ = mem2_ = mem3_ = "SM";
  csmp_fo_ = 17;
  csmp_vp_ = 167;
  csmp_pid_ = 0;
  csmp_dcs_ = 0;
  cops_format_ = 0;
  curc_ = true;
  cusd_n_ = 0;
  pending_ = Pending::none;
  reader_.clear();
  ussd_session_.reset();
  cnma_pending_ = false;
}

void Engine::power_on() {
  cfun_ = 1;
  ensure_boot_settings();
  if (opt_.sim_present && !opt_.pin.empty() && sim_ == SimState::ready) sim_ = SimState::pin;
  for (const auto& line : opt_.profile.boot_lines) {
    if (line == "+CPIN: READY" && sim_ != SimState::ready) {
      urc(sim_ == SimState::absent ? "+CPIN: NOT INSERTED" : "+CPIN: SIM PIN");
      continue;
    }
    if (sim_ != SimState::ready && (line == "SMS Ready" || line == "Call Ready" ||
                                    line.rfind("+QIND", 0) == 0 || line == "+QUSIM: 1")) {
      continue;
    }
    if (line.rfind("^RSSI", 0) == 0) {
      urc("^RSSI:" + std::to_string(rssi()));
      continue;
    }
    urc(line);
  }
}

void Engine::reset_state() {
  sm_.clear();
  me_.clear();
  sent_.clear();
  faults_ = Faults{};
  counters_ = Counters{};
  recent_sends_.clear();
  next_mr_ = 0;
  sim_ =
      !opt_.sim_present ? SimState::absent : (opt_.pin.empty() ? SimState::ready : SimState::pin);
  pin_tries_ = 3;
  puk_tries_ = 10;
  ussd_scripts_.clear();
  ensure_boot_settings();
}

// ---------------------------------------------------------------------------------------------
// V.25ter basic commands

Engine::Reply Engine::cmd_basic(const AtCommand& c) {
  const int n = c.args.empty() ? 0 : std::atoi(c.args.c_str());
  if (c.name == "E") {
    if (n > 1) return error();
    echo_ = n == 1;
    return ok();
  }
  if (c.name == "V") {
    if (n > 1) return error();
    verbose_ = n == 1;
    return ok();
  }
  if (c.name == "Q") {
    if (n > 1) return error();
    quiet_ = n == 1;
    return ok();
  }
  if (c.name == "Z" || c.name == "&F") {
    ensure_boot_settings();
    return ok();
  }
  if (c.name == "I") {
    std::vector<std::string> lines;
    for (auto line : opt_.profile.ati) {
      const auto pos = line.find("{imei}");
      if (pos != std::string::npos) line.replace(pos, 6, opt_.identity.imei);
      lines.push_back(line);
    }
    return ok(lines);
  }
  if (c.name[0] == 'S') {
    if (c.form == AtCommand::Form::query) {
      // S3 carriage return, S4 line feed, S5 backspace, others 0: V.25ter 6.2.
      const auto reg = std::atoi(c.name.c_str() + 1);
      const int value = reg == 3 ? 13 : reg == 4 ? 10 : reg == 5 ? 8 : 0;
      std::string v = std::to_string(value);
      while (v.size() < 3)
        v = "0" + v;
      return ok({v});
    }
    return ok();
  }
  if (c.name == "&C" || c.name == "&D" || c.name == "&W" || c.name == "&K" || c.name == "X" ||
      c.name == "L" || c.name == "M") {
    return ok();
  }
  return error();
}

// ---------------------------------------------------------------------------------------------
// Identity (TS 27.007 clause 5)

Engine::Reply Engine::cmd_identity(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok();
  const auto& id = opt_.identity;
  const auto& p = opt_.profile;
  if (c.name == "+CGMI" || c.name == "+GMI") return ok({p.manufacturer});
  if (c.name == "+CGMM" || c.name == "+GMM") return ok({p.model});
  if (c.name == "+CGMR" || c.name == "+GMR") return ok({p.revision});
  if (c.name == "+CGSN" || c.name == "+GSN") return ok({id.imei});
  if (c.name == "+GCAP") return ok({"+GCAP: +CGSM"});
  if (auto gate = sim_gate(false)) return *gate;
  if (c.name == "+CIMI") return ok({id.imsi});
  if (c.name == "+CNUM") return ok({"+CNUM: \"\",\"" + id.msisdn + "\",145"});
  if (c.name == "^ICCID") return ok({"^ICCID: " + id.iccid});
  if (c.name == "+QCCID") return ok({"+QCCID: " + id.iccid});
  if (c.name == "+ICCID") return ok({"+ICCID: " + id.iccid});
  // +CCID: SIM800 prints the bare number; the others prefix it.
  if (p.ccid_bare) return ok({id.iccid});
  return ok({"+CCID: " + id.iccid});
}

Engine::Reply Engine::cmd_cmee(const AtCommand& c) {
  return switch_0_to_2(c, cmee_, "+CMEE: " + std::to_string(cmee_));
}

// The four forms every 0..2 switch shares (+CMEE, +CREG, +CGREG, +CEREG; TS 27.007 1.7):
// query answers `query_line`, test the range, bare exec resets to 0, set takes 0..2.
Engine::Reply Engine::switch_0_to_2(const AtCommand& c, int& value, std::string query_line) {
  switch (c.form) {
    case AtCommand::Form::query:
      return ok({std::move(query_line)});
    case AtCommand::Form::test:
      return ok({c.name + ": (0-2)"});
    case AtCommand::Form::exec:
      value = 0;
      return ok();
    case AtCommand::Form::set: {
      const auto a = parse_args(c.args);
      if (!a) return error();
      const auto v = int_arg(*a, 0, 0, 2);
      if (!v) return cme_error(cme::not_allowed);
      value = *v;
      return ok();
    }
  }
  return error();
}

// TS 27.007 8.3: +CPIN? answers READY / SIM PIN / SIM PUK; +CPIN=<pin> or +CPIN=<puk>,<newpin>.
Engine::Reply Engine::cmd_cpin(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok();
  if (sim_ == SimState::absent) return cme_error(cme::sim_not_inserted);
  if (c.form == AtCommand::Form::query) {
    switch (sim_) {
      case SimState::ready:
        return ok({"+CPIN: READY"});
      case SimState::pin:
        return ok({"+CPIN: SIM PIN"});
      case SimState::puk:
        return ok({"+CPIN: SIM PUK"});
      case SimState::absent:
        break;
    }
    return error();
  }
  if (c.form != AtCommand::Form::set) return error();
  const auto a = parse_args(c.args);
  if (!a || !a->has(0)) return cme_error(cme::not_allowed);
  if (sim_ == SimState::ready) return cme_error(cme::not_allowed);
  if (sim_ == SimState::pin) {
    if ((*a)[0] == opt_.pin) {
      sim_ = SimState::ready;
      pin_tries_ = 3;
      host_.after(std::chrono::milliseconds{0}, [this] { registration_urcs(); });
      return ok();
    }
    if (--pin_tries_ <= 0) sim_ = SimState::puk;
    return cme_error(cme::incorrect_password);
  }
  // SIM PUK: the PUK and a new PIN.
  if (!a->has(1)) return cme_error(cme::sim_puk_required);
  if ((*a)[0] == opt_.puk) {
    opt_.pin = (*a)[1];
    sim_ = SimState::ready;
    pin_tries_ = 3;
    puk_tries_ = 10;
    return ok();
  }
  if (--puk_tries_ <= 0) sim_ = SimState::absent;  // a blocked SIM is as good as gone
  return cme_error(cme::incorrect_password);
}

// TS 27.007 8.5: +CSQ: <rssi>,<ber>; 99 = not known (no network).
Engine::Reply Engine::cmd_csq(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CSQ: (0-31,99),(0-7,99)"});
  if (c.form != AtCommand::Form::exec) return error();
  const int r = sim_ == SimState::ready && cfun_ == 1 ? rssi() : 99;
  return ok({"+CSQ: " + std::to_string(r) + ",99"});
}

std::string Engine::registration_line(const char* name, int mode, bool as_urc) const {
  // <stat>: 1 registered home, 2 searching, 0 not searching (radio off / no SIM).
  int stat = 1;
  if (sim_ != SimState::ready || cfun_ != 1) {
    stat = 0;
  } else if (faults_.network_lost) {
    stat = 2;
  }
  std::string line = std::string{name} + ": ";
  if (!as_urc) line += std::to_string(mode) + ",";
  line += std::to_string(stat);
  if (mode >= 2 && stat == 1) {
    line += ",\"" + hex4(opt_.identity.lac) + "\",\"" + hex4(opt_.identity.cell_id) + "\"";
  }
  return line;
}

void Engine::registration_urcs() {
  if (creg_n_ > 0) urc(registration_line("+CREG", creg_n_, true));
  if (cgreg_n_ > 0) urc(registration_line("+CGREG", cgreg_n_, true));
  if (cereg_n_ > 0) urc(registration_line("+CEREG", cereg_n_, true));
  if (opt_.profile.huawei_urcs && curc_) {
    // Huawei manual: ^SRVST:<srv_status> (2 = valid service, 0 = no service), ^MODE:<mode>,<sub>.
    urc(std::string{"^SRVST:"} + (registered() ? "2" : "0"));
    if (registered()) urc("^MODE:3,2");
  }
}

Engine::Reply Engine::cmd_creg(const AtCommand& c) {
  if (c.name == "+CEREG" && !opt_.profile.has_cereg) return error();
  int& n = c.name == "+CREG" ? creg_n_ : c.name == "+CGREG" ? cgreg_n_ : cereg_n_;
  return switch_0_to_2(c, n, registration_line(c.name.c_str(), n, false));
}

// TS 27.007 7.3: +COPS? -> +COPS: <mode>[,<format>,<oper>[,<AcT>]].
Engine::Reply Engine::cmd_cops(const AtCommand& c) {
  const auto& id = opt_.identity;
  // AcT: SIM800 is GSM (0, and its manual prints no AcT), E173 UTRAN (2), EC25 E-UTRAN (7).
  const std::string& act = opt_.profile.cops_act;
  if (c.form == AtCommand::Form::test) {
    if (auto gate = sim_gate(false)) return *gate;
    if (faults_.network_lost) return ok({"+COPS: ,,(0-4),(0-2)"});
    return ok({"+COPS: (2,\"" + id.operator_long + "\",\"" + id.operator_short + "\",\"" +
               id.mccmnc + "\"" + act + "),,(0-4),(0-2)"});
  }
  if (c.form == AtCommand::Form::query) {
    if (!registered() || cfun_ != 1) return ok({"+COPS: 0"});
    const std::string oper = cops_format_ == 2   ? id.mccmnc
                             : cops_format_ == 1 ? id.operator_short
                                                 : id.operator_long;
    return ok({"+COPS: 0," + std::to_string(cops_format_) + ",\"" + oper + "\"" + act});
  }
  if (c.form == AtCommand::Form::exec) return ok();
  const auto a = parse_args(c.args);
  if (!a) return error();
  const auto mode = int_arg(*a, 0, 0, 4);
  if (!mode) return cme_error(cme::not_allowed);
  if (a->has(1)) {
    const auto fmt = int_arg(*a, 1, 0, 2);
    if (!fmt) return cme_error(cme::not_allowed);
    cops_format_ = *fmt;
  }
  if ((*mode == 1 || *mode == 4) && a->has(2)) {
    const auto& oper = (*a)[2];
    if (oper != id.mccmnc && oper != id.operator_long && oper != id.operator_short) {
      return cme_error(cme::no_network);  // a foreign network refuses our SIM
    }
  }
  return ok();
}

// TS 27.007 8.2: +CFUN=<fun>[,<rst>]; 1,1 resets the modem, which drops the port (USB
// re-enumerates).
Engine::Reply Engine::cmd_cfun(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CFUN: (0,1,4),(0-1)"});
  if (c.form == AtCommand::Form::query) return ok({"+CFUN: " + std::to_string(cfun_)});
  const auto a = parse_args(c.args);
  if (!a) return error();
  const auto fun = int_arg(*a, 0, 0, 4);
  if (!fun || *fun == 2 || *fun == 3) return cme_error(cme::not_supported);
  const bool reset = a->has(1) && (*a)[1] == "1";
  if (reset) {
    ++counters_.resets;
    host_.after(std::chrono::milliseconds{0}, [this] {
      cfun_ = -1;
      host_.restart();
    });
    return ok();
  }
  const bool changed = cfun_ != *fun;
  cfun_ = *fun;
  if (changed) host_.after(std::chrono::milliseconds{0}, [this] { registration_urcs(); });
  return ok();
}

// TS 27.007 8.4: +CBC: <bcs>,<bcl>. A USB stick has no battery; SIM800 adds the voltage in mV.
Engine::Reply Engine::cmd_cbc(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CBC: (0-3),(0-100)"});
  if (opt_.profile.cbc_voltage) return ok({"+CBC: 0,100,4200"});
  return ok({"+CBC: 0,100"});
}

Engine::Reply Engine::cmd_cscs(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CSCS: (\"IRA\",\"GSM\",\"UCS2\")"});
  if (c.form == AtCommand::Form::query) return ok({"+CSCS: \"" + cscs_ + "\""});
  const auto a = parse_args(c.args);
  if (!a || !a->has(0)) return cme_error(cme::not_allowed);
  const auto cs = upper((*a)[0]);
  if (cs != "IRA" && cs != "GSM" && cs != "UCS2") return cme_error(cme::not_supported);
  cscs_ = cs;
  return ok();
}

// Huawei ^CURC=0 silences the periodic ^RSSI/^MODE/^SRVST lines (HUAWEI AT spec, ^CURC).
Engine::Reply Engine::cmd_curc(const AtCommand& c) {
  if (!opt_.profile.huawei_urcs) return error();
  if (c.form == AtCommand::Form::query) return ok({std::string{"^CURC: "} + (curc_ ? "1" : "0")});
  if (c.form == AtCommand::Form::test) return ok({"^CURC: (0-1)"});
  const auto a = parse_args(c.args);
  if (!a) return error();
  const auto v = int_arg(*a, 0, 0, 1);
  if (!v) return error();
  curc_ = *v == 1;
  return ok();
}

Engine::Reply Engine::cmd_simple_ok(const AtCommand& c) {
  if (c.name == "+CIURC" && !opt_.profile.has_ciurc) return error();
  if (c.name == "+QURCCFG" && !opt_.profile.has_qurccfg) return error();
  if (c.name[0] == '^' && !opt_.profile.huawei_urcs) return error();
  // Gammu's Huawei support sends AT^PORTSEL=1 (URCs to the modem port) and stops if it fails.
  if (c.name == "^SYSINFO") {
    // HUAWEI spec ^SYSINFO: <srv_status>,<srv_domain>,<roam>,<sys_mode>,<sim_state>,,<submode>
    return ok({std::string{"^SYSINFO:"} + (registered() ? "2,3,0,5,1,,4" : "0,0,0,0,1,,0")});
  }
  if (c.form == AtCommand::Form::query) return ok({c.name + ": 0"});
  return ok();
}

void Engine::set_network(bool lost) {
  if (faults_.network_lost == lost) return;
  faults_.network_lost = lost;
  registration_urcs();
  if (!lost) flush_network_queue();
}

void Engine::reset_sim() {
  sim_ =
      !opt_.sim_present ? SimState::absent : (opt_.pin.empty() ? SimState::ready : SimState::pin);
  pin_tries_ = 3;
  puk_tries_ = 10;
  registration_urcs();
}

void Engine::periodic_noise() {
  if (opt_.profile.huawei_urcs && curc_ && cfun_ == 1) urc("^RSSI:" + std::to_string(rssi()));
}

void Engine::set_signal(int rssi_value) {
  opt_.signal_rssi = std::clamp(rssi_value, 0, 31);
  if (opt_.profile.huawei_urcs && curc_) urc("^RSSI:" + std::to_string(rssi()));
}

}  // namespace jumbe::sim
