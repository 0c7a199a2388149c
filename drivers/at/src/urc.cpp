// The URC table: TS 27.005 3.4.1 (+CMTI, +CMT, +CDSI, +CDS), TS 27.007 7.2 / 10.1.19 / 10.1.22
// (+CREG, +CGREG, +CEREG), 7.15 (+CUSD), and vendor lines quoted from the modems that send them.
#include "jumbe/at/urc.hpp"

namespace jumbe::at {

UrcTable UrcTable::standard() {
  using L = UrcRule::Lines;
  UrcTable t;
  t.add({"+CMTI:", "cmti", L::one, false, false});
  t.add({"+CMT:", "cmt", L::two, false, false});
  t.add({"+CDSI:", "cdsi", L::one, false, false});
  t.add({"+CDS:", "cds", L::two_if_pdu_mode_cds, false, false});
  t.add({"+CBM:", "cbm", L::two, false, false});
  t.add({"+CUSD:", "cusd", L::until_quote_closes, true, false});
  t.add({"+CREG:", "creg", L::one, false, false});
  t.add({"+CGREG:", "cgreg", L::one, false, false});
  t.add({"+CEREG:", "cereg", L::one, false, false});
  t.add({"+CRING:", "ring", L::one, false, false});
  t.add({"RING", "ring", L::one, false, false});
  t.add({"+CLIP:", "clip", L::one, false, false});
  t.add({"+CIEV:", "ciev", L::one, false, false});
  t.add({"+CPIN:", "cpin", L::one, false, false});  // SIMCom/Quectel after boot: "+CPIN: READY"
  t.add({"+CFUN:", "cfun", L::one, false, false});  // SIMCom SIM800 at boot: "+CFUN: 1"
  t.add({"RDY", "ready", L::one, false, false});    // Quectel EC25 / SIMCom at power-up
  t.add({"SMS Ready", "sms_ready", L::one, false, false});    // SIMCom SIM800
  t.add({"Call Ready", "call_ready", L::one, false, false});  // SIMCom SIM800
  t.add({"PB DONE", "pb_done", L::one, false, false});        // SIMCom SIM7600
  t.add({"+QIND:", "qind", L::one, false, false});            // Quectel: +QIND: SMS DONE
  t.add({"+QUSIM:", "qusim", L::one, false, false});          // Quectel EC25 at boot
  // Huawei: "^RSSI: 17", "^BOOT:20952084,0,0,0,75", "^MODE:5,4", "^SRVST:2", "^SIMST:1"
  t.add({"^RSSI:", "rssi", L::one, false, false});
  t.add({"^HRSSILVL:", "rssi", L::one, false, false});
  t.add({"^BOOT:", "boot", L::one, false, false});
  t.add({"^MODE:", "mode", L::one, false, false});
  t.add({"^SRVST:", "srvst", L::one, false, false});
  t.add({"^SIMST:", "simst", L::one, false, false});
  t.add({"^DSFLOWRPT:", "dsflowrpt", L::one, false, false});
  t.add({"^STIN:", "stin", L::one, false, false});
  t.add({"^RFSWITCH:", "rfswitch", L::one, false, false});
  t.add({"^NDISSTAT:", "ndisstat", L::one, false, false});
  // ZTE MF190 / MF667: "+ZPASR: "UMTS"", "+ZUSIMR:2", "+ZDONR: ..."
  t.add({"+ZPASR:", "zpasr", L::one, false, false});
  t.add({"+ZUSIMR:", "zusimr", L::one, false, false});
  t.add({"+ZDONR:", "zdonr", L::one, false, false});
  t.add({"+ZEND", "zend", L::one, false, false});
  // Some firmware reports +CSQ unsolicited; the reply to AT+CSQ still goes to the command, since
  // a line with the verb of the command in flight is its reply.
  t.add({"+CSQ:", "csq", L::one, false, false});
  return t;
}

void UrcTable::add(UrcRule rule) {
  for (auto& r : rules_) {
    if (r.prefix == rule.prefix) {
      r = std::move(rule);
      return;
    }
  }
  rules_.push_back(std::move(rule));
}

const UrcRule* UrcTable::match(std::string_view line) const {
  const UrcRule* best = nullptr;
  for (const auto& r : rules_) {
    if (!line.starts_with(r.prefix)) continue;
    // Bare words must be the whole line ("RING" but not "RINGBACK"); ':' prefixes are enough.
    const bool word = r.prefix.back() != ':';
    if (word && line.size() != r.prefix.size()) {
      const char next = line[r.prefix.size()];
      if (next != ' ' && next != ':') continue;
    }
    if (!best || r.prefix.size() > best->prefix.size()) best = &r;
  }
  return best;
}

std::string_view command_verb(std::string_view command) {
  if (command.size() < 3 || (command[0] != 'A' && command[0] != 'a') ||
      (command[1] != 'T' && command[1] != 't'))
    return {};
  command.remove_prefix(2);
  if (command.empty() || (command[0] != '+' && command[0] != '^' && command[0] != '$' &&
                          command[0] != '*' && command[0] != '%'))
    return {};
  std::size_t n = 1;
  while (n < command.size() && command[n] != '=' && command[n] != '?' && command[n] != ';' &&
         command[n] != '\r')
    ++n;
  return command.substr(0, n);
}

}  // namespace jumbe::at
