// Engine USSD, TS 27.007 7.15 (+CUSD): request, reply as the +CUSD: <m>,<str>,<dcs> URC, menu
// sessions (m=1 asks for an answer), cancel (+CUSD=2), network-initiated requests. Default
// services answer like Kenyan networks: *144# a balance, *100# a two-level menu.
// Quirk: Huawei sticks carry <str> as hex of packed GSM 7-bit both ways, e.g.
// AT+CUSD=1,"AA188D3602",15 for *144# and +CUSD: 0,"D9775D0E1287D961...",15 back ("Your balance is
// ...").
#include <cstdio>

#include "jumbe/sim/engine.hpp"
#include "jumbe/sim/errors.hpp"

namespace jumbe::sim {

namespace {

std::string money(std::int64_t cents) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return buf;
}

UssdNode leaf(std::string text) {
  return UssdNode{std::move(text), {}};
}

}  // namespace

void Engine::set_ussd_script(const std::string& code, UssdNode root) {
  ussd_scripts_[code] = std::move(root);
}

std::string Engine::ussd_out(const std::string& text, int& dcs) const {
  if (opt_.profile.ussd_packed_hex && fits_gsm7(text)) {
    dcs = 15;
    if (const auto hex = ussd_pack_hex(text)) return *hex;
  }
  if (cscs_ == "UCS2" || !fits_gsm7(text)) {
    dcs = 72;  // TS 23.038 clause 5: 0x48 = UCS2, language unspecified
    return utf8_to_ucs2_hex(text);
  }
  dcs = 15;  // GSM 7-bit, language unspecified
  return text;
}

void Engine::ussd_reply(const UssdNode& node, bool continues) {
  int dcs = 15;
  const auto str = ussd_out(node.text, dcs);
  // The reply comes from the network after the OK of the request (TS 27.007 7.15 example).
  std::string line = "\r\n+CUSD: " + std::string{continues ? "1" : "0"} + ",\"" + str + "\"," +
                     std::to_string(dcs) + "\r\n";
  host_.after(std::chrono::milliseconds{0}, [this, line = std::move(line)]() mutable {
    host_.emit(std::move(line), Host::Delay::send);
  });
}

Engine::Reply Engine::cmd_cusd(const AtCommand& c) {
  if (c.form == AtCommand::Form::test) return ok({"+CUSD: (0-2)"});
  if (c.form == AtCommand::Form::query) return ok({"+CUSD: " + std::to_string(cusd_n_)});
  if (c.form == AtCommand::Form::exec) {
    cusd_n_ = 0;
    return ok();
  }
  const auto a = parse_args(c.args);
  if (!a) return error();
  int n = cusd_n_;
  if (a->has(0)) {
    const auto v = int_arg(*a, 0, 0, 2);
    if (!v) return cme_error(cme::not_allowed);
    n = *v;
  }
  if (n == 2) {
    ussd_session_.reset();  // cancel the session
    return ok();
  }
  cusd_n_ = n;
  if (!a->has(1)) return ok();
  if (auto gate = sim_gate(false)) return *gate;
  if (!registered() || cfun_ != 1) return cme_error(cme::no_network);
  std::string request = (*a)[1];
  const int dcs = a->has(2) ? std::atoi((*a)[2].c_str()) : 15;
  if (opt_.profile.ussd_packed_hex) {
    // The Huawei way: hex of packed 7-bit. A client that sends plain text gets ERROR, as the
    // E173 does.
    const auto plain = ussd_unpack_hex(request);
    if (!plain) return cme_error(cme::invalid_chars);
    request = *plain;
  } else if (cscs_ == "UCS2" || dcs == 72) {
    const auto plain = ucs2_hex_to_utf8(request);
    if (!plain) return cme_error(cme::invalid_chars);
    request = *plain;
  }
  ++counters_.ussd_requests;

  if (ussd_session_) {
    const auto& opts = ussd_session_->options;
    auto it = opts.find(request);
    if (it == opts.end()) it = opts.find("*");
    if (it == opts.end()) {
      UssdNode again{"Invalid choice.\n" + ussd_session_->text, ussd_session_->options};
      ussd_reply(again, true);
      return ok();
    }
    UssdNode next = it->second;
    const bool more = !next.options.empty();
    ussd_reply(next, more);
    if (more) {
      ussd_session_ = std::move(next);
    } else {
      ussd_session_.reset();
    }
    return ok();
  }

  UssdNode node;
  if (const auto it = ussd_scripts_.find(request); it != ussd_scripts_.end()) {
    node = it->second;
  } else if (request == "*144#") {
    node = leaf(faults_.credit_exhausted || opt_.balance_cents <= 0
                    ? "Your balance is KES 0.00. Please top up to continue enjoying our services."
                    : "Your balance is KES " + money(opt_.balance_cents) +
                          ". Bonus KES 0.00. Valid until 31-12-2026.");
  } else if (request == "*100#") {
    const auto& id = opt_.identity;
    UssdNode account{"My account\n1. Balance\n2. My number", {}};
    account.options["1"] = leaf("Your balance is KES " + money(opt_.balance_cents) + ".");
    account.options["2"] = leaf("Your number is " + id.msisdn + ".");
    UssdNode bundles{"Buy bundles\n1. 20 SMS @ KES 5\n2. 50MB @ KES 10", {}};
    bundles.options["1"] = leaf("You have bought 20 SMS valid for 24 hours.");
    bundles.options["2"] = leaf("You have bought 50MB valid for 24 hours.");
    node.text = id.operator_long + "\n1. My account\n2. Buy bundles\n3. Help";
    node.options["1"] = account;
    node.options["2"] = bundles;
    node.options["3"] = leaf("For help call 100 free of charge.");
  } else {
    // TS 27.007 7.15: <m>=4, operation not supported, for a code the network does not serve.
    host_.after(std::chrono::milliseconds{0},
                [this] { host_.emit("\r\n+CUSD: 4\r\n", Host::Delay::send); });
    return ok();
  }
  const bool more = !node.options.empty();
  ussd_reply(node, more);
  if (more) ussd_session_ = std::move(node);
  return ok();
}

void Engine::network_ussd(const std::string& text, bool needs_reply) {
  UssdNode node{text, {}};
  if (needs_reply) node.options["*"] = leaf("Thank you.");
  int dcs = 15;
  const auto str = ussd_out(text, dcs);
  urc("+CUSD: " + std::string{needs_reply ? "1" : "0"} + ",\"" + str + "\"," + std::to_string(dcs));
  if (needs_reply) ussd_session_ = std::move(node);
}

}  // namespace jumbe::sim
