// Engine SMS commands, 3GPP TS 27.005: +CMGF (3.2.3), +CSCA (3.3.1), +CSMS (3.2.1), +CPMS
// (3.2.2), +CNMI (3.4.1) with +CMTI/+CMT/+CDS/+CDSI, +CNMA (3.4.4), +CSMP (3.3.2), +CMGS (3.5.1
// PDU, 4.3 text), +CMGW (3.5.3), +CMGR (3.4.3), +CMGL (3.4.2), +CMGD (3.5.4); plus the inbound
// side (deliver) and status reports. Storage indices start at the profile's first_index.
#include <algorithm>

#include "jumbe/sim/engine.hpp"
#include "jumbe/sim/errors.hpp"

namespace jumbe::sim {

namespace {
const char* stat_text(int stat) {
  switch (stat) {
    case 0:
      return "REC UNREAD";
    case 1:
      return "REC READ";
    case 2:
      return "STO UNSENT";
    case 3:
      return "STO SENT";
    default:
      return "ALL";
  }
}
int stat_from_text(const std::string& s) {
  for (int i = 0; i <= 4; ++i) {
    if (s == stat_text(i)) return i;
  }
  return -1;
}
bool stat_matches(int wanted, int stat) {
  return wanted == 4 || wanted == stat;
}
}  // namespace

std::map<int, StoredSms>& Engine::mem(const std::string& name) {
  // FIXME: "MT" (SM and ME together) reads and writes SM here; only its totals add up both.
  return name == "ME" ? me_ : sm_;
}

const std::map<int, StoredSms>& Engine::storage(const std::string& name) const {
  return name == "ME" ? me_ : sm_;
}

int Engine::capacity(const std::string& name) const {
  if (name == "ME") return opt_.me_capacity;
  if (name == "MT") return opt_.sm_capacity + opt_.me_capacity;
  return opt_.sm_capacity;
}

int Engine::store(const std::string& name, StoredSms sms) {
  auto& m = mem(name);
  const int first = opt_.profile.first_index;
  const int cap = name == "ME" ? opt_.me_capacity : opt_.sm_capacity;
  for (int i = first; i < first + cap; ++i) {
    if (!m.count(i)) {
      m.emplace(i, std::move(sms));
      return i;
    }
  }
  return -1;
}

void Engine::set_sim_full(bool full) {
  faults_.sim_full = full;
  if (full) {
    // A SIM full of old messages, as a gateway finds one after a weekend without a reader.
    StoredSms old;
    old.stat = 1;
    old.filler = true;
    old.address = "+254700000000";
    old.text = "old message";
    old.scts = sim_time_from_epoch_ms(host_.now_ms()).text_mode();
    DeliverRequest req;
    req.from = old.address;
    req.text = old.text;
    req.smsc = opt_.identity.smsc;
    req.time = sim_time_from_epoch_ms(host_.now_ms());
    if (const auto parts = encode_deliver(req); parts && !parts->empty()) {
      old.pdu_hex = parts->front().pdu_hex;
      old.tpdu_length = parts->front().tpdu_length;
    }
    while (store("SM", old) >= 0) {
    }
  } else {
    std::erase_if(sm_, [](const auto& kv) { return kv.second.filler; });
    flush_network_queue();
  }
}

Engine::Reply Engine::cmd_cmgf(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CMGF: (0-1)"});
  if (c.form == AtCommand::Form::query)
    return ok({std::string{"+CMGF: "} + (text_mode_ ? "1" : "0")});
  if (c.form == AtCommand::Form::exec) {
    text_mode_ = false;
    return ok();
  }
  const auto a = parse_args(c.args);
  if (!a) return error();
  const auto v = int_arg(*a, 0, 0, 1);
  if (!v) return cms_error(cms::not_allowed);
  text_mode_ = *v == 1;
  return ok();
}

Engine::Reply Engine::cmd_csca(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok();
  if (auto gate = sim_gate(true)) return *gate;
  if (c.form == AtCommand::Form::query) {
    const auto& n = opt_.identity.smsc;
    return ok({"+CSCA: \"" + n + "\"," + (n.starts_with("+") ? "145" : "129")});
  }
  const auto a = parse_args(c.args);
  if (!a || !a->has(0)) return cms_error(cms::invalid_text_param);
  opt_.identity.smsc = (*a)[0];
  return ok();
}

Engine::Reply Engine::cmd_csms(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CSMS: (0-1)"});
  if (c.form == AtCommand::Form::query) return ok({"+CSMS: " + std::to_string(csms_) + ",1,1,1"});
  const auto a = parse_args(c.args);
  if (!a) return error();
  const auto v = int_arg(*a, 0, 0, 1);
  if (!v) return cms_error(cms::not_supported);
  csms_ = *v;
  return ok({"+CSMS: 1,1,1"});
}

Engine::Reply Engine::cmd_cpms(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) {
    return ok({"+CPMS: (\"SM\",\"ME\",\"MT\"),(\"SM\",\"ME\",\"MT\"),(\"SM\",\"ME\",\"MT\")"});
  }
  if (auto gate = sim_gate(true)) return *gate;
  auto used = [this](const std::string& m) {
    if (m == "MT") return static_cast<int>(sm_.size() + me_.size());
    return static_cast<int>(storage(m).size());
  };
  auto pair = [&](const std::string& m) {
    return std::to_string(used(m)) + "," + std::to_string(capacity(m));
  };
  if (c.form == AtCommand::Form::query) {
    return ok({"+CPMS: \"" + mem1_ + "\"," + pair(mem1_) + ",\"" + mem2_ + "\"," + pair(mem2_) +
               ",\"" + mem3_ + "\"," + pair(mem3_)});
  }
  const auto a = parse_args(c.args);
  if (!a || !a->has(0) || a->size() > 3) return cms_error(cms::not_allowed);
  std::string wanted[3] = {mem1_, mem2_, mem3_};
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!a->has(i)) continue;
    std::string m = (*a)[i];
    for (auto& ch : m)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (m != "SM" && m != "ME" && m != "MT") return cms_error(cms::not_supported);
    wanted[i] = m;
  }
  mem1_ = wanted[0];
  mem2_ = wanted[1];
  mem3_ = wanted[2];
  return ok({"+CPMS: " + pair(mem1_) + "," + pair(mem2_) + "," + pair(mem3_)});
}

Engine::Reply Engine::cmd_cnmi(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)"});
  if (c.form == AtCommand::Form::query) {
    return ok({"+CNMI: " + std::to_string(cnmi_[0]) + "," + std::to_string(cnmi_[1]) + "," +
               std::to_string(cnmi_[2]) + "," + std::to_string(cnmi_[3]) + "," +
               std::to_string(cnmi_[4])});
  }
  const auto a = parse_args(c.args);
  if (!a || a->size() > 5) return cms_error(cms::not_supported);
  static constexpr int max[5] = {3, 3, 2, 2, 1};
  int v[5] = {cnmi_[0], cnmi_[1], cnmi_[2], cnmi_[3], cnmi_[4]};
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!a->has(i)) continue;
    const auto x = int_arg(*a, i, 0, max[i]);
    if (!x) return cms_error(cms::not_supported);
    v[i] = *x;
  }
  std::copy(std::begin(v), std::end(v), std::begin(cnmi_));
  return ok();
}

// TS 27.005 3.4.4: only after a +CMT/+CDS that needs it (+CSMS=1); otherwise +CMS ERROR: 340.
Engine::Reply Engine::cmd_cnma(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CNMA: (0-2)"});
  if (!cnma_pending_) return cms_error(cms::no_cnma_expected);
  cnma_pending_ = false;
  return ok();
}

Engine::Reply Engine::cmd_csmp(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok();
  if (c.form == AtCommand::Form::query) {
    return ok({"+CSMP: " + std::to_string(csmp_fo_) + "," + std::to_string(csmp_vp_) + "," +
               std::to_string(csmp_pid_) + "," + std::to_string(csmp_dcs_)});
  }
  const auto a = parse_args(c.args);
  if (!a) return error();
  int* fields[4] = {&csmp_fo_, &csmp_vp_, &csmp_pid_, &csmp_dcs_};
  for (std::size_t i = 0; i < a->size() && i < 4; ++i) {
    if (!a->has(i)) continue;
    const auto v = int_arg(*a, i, 0, 255);
    if (!v) return cms_error(cms::invalid_text_param);
    *fields[i] = *v;
  }
  return ok();
}

Engine::Reply Engine::cmd_cmgs(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok();
  if (c.form != AtCommand::Form::set) return error();
  if (auto gate = sim_gate(true)) return *gate;
  const auto a = parse_args(c.args);
  if (!a || !a->has(0))
    return cms_error(text_mode_ ? cms::invalid_text_param : cms::invalid_pdu_param);
  if (text_mode_) {
    pending_to_ = (*a)[0];
  } else {
    // <length> counts TPDU octets; 164 is the most a TPDU can be (TS 23.040 9.2.2.2).
    const auto len = int_arg(*a, 0, 1, 164);
    if (!len) return cms_error(cms::invalid_pdu_param);
    pending_length_ = *len;
  }
  pending_ = c.name == "+CMGW" ? Pending::cmgw : Pending::cmgs;
  Reply r;
  r.final = Reply::Final::prompt;
  return r;
}

Engine::Reply Engine::cmd_cmgw(const AtCommand& c) {
  if (c.form == AtCommand::Form::exec) return cms_error(cms::not_supported);
  return cmd_cmgs(c);
}

std::optional<Engine::Reply> Engine::send_gate() {
  if (auto gate = sim_gate(true)) return gate;
  if (faults_.network_lost || cfun_ != 1) return cms_error(cms::no_network);
  if (faults_.send_error_count > 0) {
    --faults_.send_error_count;
    return faults_.send_error_cme ? cme_error(faults_.send_error_code)
                                  : cms_error(faults_.send_error_code);
  }
  if (faults_.credit_exhausted) return cms_error(faults_.credit_error_code);
  if (opt_.max_sends_per_minute > 0) {
    const auto now = host_.now_ms();
    while (!recent_sends_.empty() && recent_sends_.front() <= now - 60000)
      recent_sends_.pop_front();
    if (static_cast<int>(recent_sends_.size()) >= opt_.max_sends_per_minute) {
      // Operators throttle a SIM that sends too fast; the network refuses with congestion (42).
      return cms_error(cms::congestion);
    }
  }
  return std::nullopt;
}

Engine::Reply Engine::submit(const std::string& body) {
  SentRecord rec;
  if (text_mode_) {
    rec.mode = "text";
    rec.to = pending_to_;
    const bool ucs2 = (csmp_dcs_ & 0x0C) == 0x08;
    rec.encoding = ucs2 ? "ucs2" : "gsm7";
    if (cscs_ == "UCS2") {
      const auto t = ucs2_hex_to_utf8(body);
      if (!t) {
        ++counters_.sms_send_failed;
        return cms_error(cms::invalid_text_param);
      }
      rec.text = *t;
    } else {
      rec.text = body;
    }
    rec.srr = (csmp_fo_ & 0x20) != 0;
    // TP-VPF relative (bits 4..3 = 10): TS 23.040 9.2.3.12.1.
    if ((csmp_fo_ & 0x18) == 0x10) {
      const int vp = csmp_vp_;
      rec.validity_minutes = vp <= 143   ? (vp + 1) * 5
                             : vp <= 167 ? 720 + (vp - 143) * 30
                             : vp <= 196 ? (vp - 166) * 1440
                                         : (vp - 192) * 10080;
    }
  } else {
    auto decoded = decode_submit(body, pending_length_);
    if (!decoded) {
      ++counters_.sms_send_failed;
      return cms_error(cms::invalid_pdu_param);
    }
    rec = std::move(*decoded);
    rec.mode = "pdu";
  }
  if (auto gate = send_gate()) {
    ++counters_.sms_send_failed;
    return *gate;
  }
  rec.mr = next_mr_;
  next_mr_ = (next_mr_ + 1) & 0xFF;
  rec.time_ms = host_.now_ms();
  recent_sends_.push_back(rec.time_ms);
  ++counters_.sms_sent;
  if (faults_.credit_exhausted == false && opt_.balance_cents > 0) {
    opt_.balance_cents = std::max<std::int64_t>(0, opt_.balance_cents - 100);  // KES 1 per SMS
  }
  const int mr = rec.mr;
  const bool srr = rec.srr;
  sent_.push_back(std::move(rec));
  if (srr && opt_.auto_status_reports) schedule_status_report(mr);
  return ok({"+CMGS: " + std::to_string(mr)});
}

void Engine::schedule_status_report(int mr) {
  host_.after(std::chrono::milliseconds{opt_.status_report_delay_ms},
              [this, mr] { (void)status_report(mr, opt_.status_report_status); });
}

tl::expected<void, std::string> Engine::status_report(int mr, int status) {
  const auto it =
      std::find_if(sent_.rbegin(), sent_.rend(), [mr](const SentRecord& r) { return r.mr == mr; });
  if (it == sent_.rend()) {
    return tl::make_unexpected("no sent message has reference " + std::to_string(mr));
  }
  const auto now = sim_time_from_epoch_ms(host_.now_ms());
  const auto submitted = sim_time_from_epoch_ms(it->time_ms);
  auto part = encode_status_report(opt_.identity.smsc, mr, it->to, submitted, now, status);
  if (!part) return tl::make_unexpected(part.error());
  ++counters_.status_reports;
  const int ds = cnmi_[3];
  if (ds == 1) {
    if (text_mode_) {
      // TS 27.005 4.x: +CDS: <fo>,<mr>,[<ra>],[<tora>],<scts>,<dt>,<st>
      urc("+CDS: 6," + std::to_string(mr) + ",\"" + it->to + "\"," +
          (it->to.starts_with("+") ? "145" : "129") + ",\"" + submitted.text_mode() + "\",\"" +
          now.text_mode() + "\"," + std::to_string(status));
    } else {
      urc("+CDS: " + std::to_string(part->tpdu_length) + "\r\n" + part->pdu_hex);
    }
    if (csms_ == 1) cnma_pending_ = true;
  } else if (ds == 2) {
    StoredSms s;
    s.status_report = true;
    s.pdu_hex = part->pdu_hex;
    s.tpdu_length = part->tpdu_length;
    s.address = it->to;
    s.scts = submitted.text_mode();
    s.text = now.text_mode();
    s.mr = mr;
    s.status = status;
    const int index = store(mem3_, std::move(s));
    if (index >= 0) urc("+CDSI: \"" + mem3_ + "\"," + std::to_string(index));
  }
  return {};
}

tl::expected<std::vector<int>, std::string> Engine::deliver(const DeliverOptions& d) {
  if (d.from.empty()) return tl::make_unexpected(std::string{"deliver needs a sender (from)"});
  DeliverRequest req;
  req.from = d.from;
  req.text = d.text;
  req.encoding = d.encoding;
  req.message_class = d.message_class;
  req.smsc = opt_.identity.smsc;
  req.time = sim_time_from_epoch_ms(host_.now_ms());
  req.concat_ref = next_concat_ref_;
  next_concat_ref_ = (next_concat_ref_ % 255) + 1;
  auto parts = encode_deliver(req);
  if (!parts) return tl::make_unexpected(parts.error());
  std::vector<int> indices;
  for (auto& p : *parts) {
    ++counters_.sms_delivered;
    Inbound in{std::move(p), d.from, d.message_class};
    const bool wait = !network_queue_.empty() || !registered();
    const int r = wait ? -2 : route_inbound(in);
    if (r == -2) network_queue_.push_back(std::move(in));
    indices.push_back(r);
  }
  return indices;
}

int Engine::route_inbound(const Inbound& in) {
  const auto scts = sim_time_from_epoch_ms(host_.now_ms()).text_mode();
  const int mt = cnmi_[1];
  const bool direct = (mt == 2 && in.message_class != 2) ||
                      (mt == 3 && (in.message_class == 0 || in.message_class == 3));
  if (direct) {
    // TS 27.005 3.4.1: +CMT: [<alpha>],<length><CR><LF><pdu> / text: +CMT: <oa>,[<alpha>],<scts>
    if (text_mode_) {
      const auto text = cscs_ == "UCS2" ? utf8_to_ucs2_hex(in.part.text) : in.part.text;
      urc("+CMT: \"" + in.from + "\",,\"" + scts + "\"\r\n" + text);
    } else {
      urc("+CMT: ," + std::to_string(in.part.tpdu_length) + "\r\n" + in.part.pdu_hex);
    }
    if (csms_ == 1) cnma_pending_ = true;
    return -1;
  }
  StoredSms s;
  s.stat = 0;
  s.pdu_hex = in.part.pdu_hex;
  s.tpdu_length = in.part.tpdu_length;
  s.address = in.from;
  s.scts = scts;
  s.text = in.part.text;
  const int index = store(mem3_, std::move(s));
  if (index < 0) {
    ++counters_.sms_dropped;  // held by the network, see network_queue_
    return -2;
  }
  ++counters_.sms_stored;
  if (mt >= 1) urc("+CMTI: \"" + mem3_ + "\"," + std::to_string(index));
  return index;
}

void Engine::flush_network_queue() {
  while (!network_queue_.empty() && registered()) {
    if (route_inbound(network_queue_.front()) == -2) break;
    network_queue_.pop_front();
  }
}

std::vector<std::string> Engine::listing_lines(int index, const StoredSms& s) const {
  // <index> is prepended by +CMGL only; +CMGR callers drop it.
  std::string idx = std::to_string(index) + ",";
  if (!text_mode_) {
    return {idx + std::to_string(s.stat) + ",," + std::to_string(s.tpdu_length), s.pdu_hex};
  }
  const std::string stat = std::string{"\""} + stat_text(s.stat) + "\"";
  if (s.status_report) {
    return {idx + stat + ",6," + std::to_string(s.mr) + ",\"" + s.address + "\",145,\"" + s.scts +
            "\",\"" + s.text + "\"," + std::to_string(s.status)};
  }
  const auto text = cscs_ == "UCS2" ? utf8_to_ucs2_hex(s.text) : s.text;
  if (s.stat >= 2) return {idx + stat + ",\"" + s.address + "\",", text};
  return {idx + stat + ",\"" + s.address + "\",,\"" + s.scts + "\"", text};
}

Engine::Reply Engine::cmd_cmgr(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok();
  if (c.form != AtCommand::Form::set) return error();
  if (auto gate = sim_gate(true)) return *gate;
  const auto a = parse_args(c.args);
  if (!a) return error();
  const auto index = int_arg(*a, 0, 0, 9999);
  if (!index) return cms_error(cms::invalid_index);
  auto& m = mem(mem1_);
  const auto it = m.find(*index);
  if (it == m.end()) {
    // An empty slot inside the range reads as just OK on most modems; outside it, 321.
    const int first = opt_.profile.first_index;
    if (*index >= first && *index < first + capacity(mem1_)) return ok();
    return cms_error(cms::invalid_index);
  }
  auto lines = listing_lines(*index, it->second);
  lines[0] = "+CMGR: " + lines[0].substr(lines[0].find(',') + 1);
  if (it->second.stat == 0) it->second.stat = 1;  // 27.005 3.4.3: received unread -> read
  return ok(lines);
}

Engine::Reply Engine::cmd_cmgl(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) {
    if (text_mode_) {
      return ok({"+CMGL: (\"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO SENT\",\"ALL\")"});
    }
    return ok({"+CMGL: (0-4)"});
  }
  if (auto gate = sim_gate(true)) return *gate;
  int wanted = 0;  // default "REC UNREAD" / 0
  if (c.form == AtCommand::Form::set) {
    const auto a = parse_args(c.args);
    if (!a) return error();
    if (a->has(0)) {
      if (text_mode_) {
        std::string s = (*a)[0];
        for (auto& ch : s)
          ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        wanted = stat_from_text(s);
        if (wanted < 0) return cms_error(cms::invalid_text_param);
      } else {
        const auto v = int_arg(*a, 0, 0, 4);
        if (!v) return cms_error(cms::invalid_pdu_param);
        wanted = *v;
      }
    }
  } else if (c.form != AtCommand::Form::exec) {
    return error();
  }
  std::vector<std::string> lines;
  for (auto& [index, s] : mem(mem1_)) {
    if (!stat_matches(wanted, s.stat)) continue;
    auto l = listing_lines(index, s);
    l[0] = "+CMGL: " + l[0];
    lines.insert(lines.end(), l.begin(), l.end());
    if (s.stat == 0) s.stat = 1;
  }
  return ok(lines);
}

Engine::Reply Engine::cmd_cmgd(const AtCommand& c) {
  auto& m = mem(mem1_);
  const int first = opt_.profile.first_index;
  if (c.form == AtCommand::Form::test) {
    std::string used;
    for (const auto& kv : m)
      used += (used.empty() ? "" : ",") + std::to_string(kv.first);
    return ok({"+CMGD: (" + used + "),(0-4)"});
  }
  if (c.form != AtCommand::Form::set) return error();
  if (auto gate = sim_gate(true)) return *gate;
  const auto a = parse_args(c.args);
  if (!a) return error();
  const auto index = int_arg(*a, 0, 0, 9999);
  int flag = 0;
  if (a->has(1)) {
    const auto f = int_arg(*a, 1, 0, 4);
    if (!f) return cms_error(cms::not_allowed);
    flag = *f;
  }
  if (flag == 0) {
    if (!index || *index < first || *index >= first + capacity(mem1_)) {
      return cms_error(cms::invalid_index);
    }
    m.erase(*index);
  } else {
    // TS 27.005 3.5.4: 1 read, 2 read+sent, 3 read+sent+unsent, 4 all.
    std::erase_if(m, [flag](const auto& kv) {
      const int stat = kv.second.stat;
      return flag == 4 || stat == 1 || (flag >= 2 && stat == 3) || (flag >= 3 && stat == 2);
    });
  }
  // Space freed: the network's held messages come in now (TS 24.011 RP-SMMA).
  host_.after(std::chrono::milliseconds{0}, [this] { flush_network_queue(); });
  return ok();
}

}  // namespace jumbe::sim
