// +CMS / +CME error tables and send-outcome classes. Sources: TS 27.005 3.2.5 (<err> values:
// 0-127 are TS 24.011 E-2 RP causes, 128-255 TS 23.040 9.2.3.22 TP-FCS, 300-340 and 500 the ME
// errors, 512+ manufacturer specific) and TS 27.007 9.2.1 / 9.2.2 (+CME ERROR codes).
#include "jumbe/at/errors.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace jumbe::at {
namespace {

struct Entry {
  int code;
  std::string_view name;
};

constexpr std::array kCms{
    Entry{1, "unassigned (unallocated) number"},
    Entry{8, "operator determined barring"},
    Entry{10, "call barred"},
    Entry{21, "short message transfer rejected"},
    Entry{27, "destination out of service"},
    Entry{28, "unidentified subscriber"},
    Entry{29, "facility rejected"},
    Entry{30, "unknown subscriber"},
    Entry{38, "network out of order"},
    Entry{41, "temporary failure"},
    Entry{42, "congestion"},
    Entry{47, "resources unavailable, unspecified"},
    Entry{50, "requested facility not subscribed"},
    Entry{69, "requested facility not implemented"},
    Entry{81, "invalid short message transfer reference value"},
    Entry{95, "invalid message, unspecified"},
    Entry{96, "invalid mandatory information"},
    Entry{97, "message type non-existent or not implemented"},
    Entry{98, "message not compatible with short message protocol state"},
    Entry{99, "information element non-existent or not implemented"},
    Entry{111, "protocol error, unspecified"},
    Entry{127, "interworking, unspecified"},
    Entry{128, "telematic interworking not supported"},
    Entry{129, "short message type 0 not supported"},
    Entry{130, "cannot replace short message"},
    Entry{143, "unspecified TP-PID error"},
    Entry{144, "data coding scheme (alphabet) not supported"},
    Entry{145, "message class not supported"},
    Entry{159, "unspecified TP-DCS error"},
    Entry{160, "command cannot be actioned"},
    Entry{161, "command unsupported"},
    Entry{175, "unspecified TP-command error"},
    Entry{176, "TPDU not supported"},
    Entry{192, "SC busy"},
    Entry{193, "no SC subscription"},
    Entry{194, "SC system failure"},
    Entry{195, "invalid SME address"},
    Entry{196, "destination SME barred"},
    Entry{197, "SM rejected-duplicate SM"},
    Entry{198, "TP-VPF not supported"},
    Entry{199, "TP-VP not supported"},
    Entry{208, "D0 SIM SMS storage full"},
    Entry{209, "no SMS storage capability in SIM"},
    Entry{210, "error in MS"},
    Entry{211, "memory capacity exceeded"},
    Entry{212, "SIM application toolkit busy"},
    Entry{213, "SIM data download error"},
    Entry{255, "unspecified error cause"},
    Entry{300, "ME failure"},
    Entry{301, "SMS service of ME reserved"},
    Entry{302, "operation not allowed"},
    Entry{303, "operation not supported"},
    Entry{304, "invalid PDU mode parameter"},
    Entry{305, "invalid text mode parameter"},
    Entry{310, "SIM not inserted"},
    Entry{311, "SIM PIN required"},
    Entry{312, "PH-SIM PIN required"},
    Entry{313, "SIM failure"},
    Entry{314, "SIM busy"},
    Entry{315, "SIM wrong"},
    Entry{316, "SIM PUK required"},
    Entry{317, "SIM PIN2 required"},
    Entry{318, "SIM PUK2 required"},
    Entry{320, "memory failure"},
    Entry{321, "invalid memory index"},
    Entry{322, "memory full"},
    Entry{330, "SMSC address unknown"},
    Entry{331, "no network service"},
    Entry{332, "network timeout"},
    Entry{340, "no +CNMA acknowledgement expected"},
    Entry{500, "unknown error"},
};

constexpr std::array kCme{
    Entry{0, "phone failure"},
    Entry{1, "no connection to phone"},
    Entry{2, "phone-adaptor link reserved"},
    Entry{3, "operation not allowed"},
    Entry{4, "operation not supported"},
    Entry{5, "PH-SIM PIN required"},
    Entry{6, "PH-FSIM PIN required"},
    Entry{7, "PH-FSIM PUK required"},
    Entry{10, "SIM not inserted"},
    Entry{11, "SIM PIN required"},
    Entry{12, "SIM PUK required"},
    Entry{13, "SIM failure"},
    Entry{14, "SIM busy"},
    Entry{15, "SIM wrong"},
    Entry{16, "incorrect password"},
    Entry{17, "SIM PIN2 required"},
    Entry{18, "SIM PUK2 required"},
    Entry{20, "memory full"},
    Entry{21, "invalid index"},
    Entry{22, "not found"},
    Entry{23, "memory failure"},
    Entry{24, "text string too long"},
    Entry{25, "invalid characters in text string"},
    Entry{26, "dial string too long"},
    Entry{27, "invalid characters in dial string"},
    Entry{30, "no network service"},
    Entry{31, "network timeout"},
    Entry{32, "network not allowed - emergency calls only"},
    Entry{40, "network personalization PIN required"},
    Entry{41, "network personalization PUK required"},
    Entry{100, "unknown"},
    Entry{103, "illegal MS"},
    Entry{106, "illegal ME"},
    Entry{107, "GPRS services not allowed"},
    Entry{111, "PLMN not allowed"},
    Entry{112, "location area not allowed"},
    Entry{113, "roaming not allowed in this location area"},
    Entry{148, "unspecified GPRS error"},
    Entry{260, "SIM PIN2 required"},  // seen on some Qualcomm firmware; harmless duplicate
};

template <std::size_t N>
std::string_view lookup(const std::array<Entry, N>& table, int code) {
  for (const auto& e : table)
    if (e.code == code) return e.name;
  return {};
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

template <std::size_t N>
std::optional<int> reverse(const std::array<Entry, N>& table, std::string_view text) {
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  for (const auto& e : table)
    if (iequal(e.name, text)) return e.code;
  return std::nullopt;
}

SendOutcome classify_cms(int code) {
  switch (code) {
    // The modem or SIM is busy right now; the same modem will manage in a moment.
    case 212:  // SIM toolkit busy
    case 314:  // SIM busy
    case 301:  // SMS service of ME reserved
    case 340:
      return SendOutcome::retry_here_later;
    // Network side or this SIM's subscription: another modem (operator) may get through.
    case 8:   // operator determined barring: typically the SIM is out of credit / suspended
    case 10:  // call barred (outgoing SMS barred on this SIM)
    case 21:  // transfer rejected by the network (barring, no credit): another SIM may pass
    case 38:  // network out of order
    case 41:  // temporary failure
    case 42:  // congestion
    case 47:  // resources unavailable
    case 50:  // requested facility not subscribed (no SMS bundle on this SIM)
    case 69:
    case 127:
    case 192:  // SC busy
    case 193:  // no SC subscription
    case 194:  // SC system failure
    case 300:  // ME failure
    case 310:
    case 311:
    case 312:
    case 313:
    case 315:
    case 316:
    case 317:
    case 318:
    case 320:
    case 330:  // SMSC address unknown: fix the SIM's +CSCA, meanwhile use another modem
    case 331:  // no network service
    case 332:  // network timeout
    case 500:  // unknown error: treat as this modem's trouble, not the message's
      return SendOutcome::retry_elsewhere;
    // The recipient or the message itself is wrong.
    case 1:   // unassigned number
    case 27:  // destination out of service
    case 28:
    case 29:
    case 30:  // unknown subscriber
    case 96:
    case 128:
    case 129:
    case 144:
    case 145:
    case 176:
    case 195:  // invalid SME address
    case 196:  // destination SME barred
    case 197:  // duplicate
    case 198:
    case 199:
    case 304:  // invalid PDU mode parameter: our PDU is bad, another modem will refuse it too
      return SendOutcome::permanent;
    default:
      break;
  }
  // 512+ is manufacturer specific and the meanings disagree: Wavecom/Sierra 512 "MM
  // establishment failure" (a network attempt failed), Multi-Tech 513 "lower layer failure",
  // SIMCom-style lists 512 "SIM not ready", 515 "ME storage failure", 529 "MO SMS is not allowed",
  // 530 "GPRS is suspended", and the "512 send/receive collision" / "515 busy". Most are
  // passing states of this modem, so the default is to retry here later (the router bounds the
  // retries); a vendor profile overrides the ones it knows to be otherwise.
  if (code >= 512) return SendOutcome::retry_here_later;
  if (code < 128) return SendOutcome::retry_elsewhere;  // other RP causes: network side
  if (code < 256) return SendOutcome::permanent;        // other TP-FCS: the TPDU was refused
  return SendOutcome::retry_elsewhere;
}

SendOutcome classify_cme(int code) {
  switch (code) {
    case 14:   // SIM busy
    case 515:  // Quirk: Huawei/ZTE "+CME ERROR: 515" while still initialising
      return SendOutcome::retry_here_later;
    case 21:  // invalid index, 24-27 bad text or number: the message is wrong
    case 24:
    case 25:
    case 26:
    case 27:
      return SendOutcome::permanent;
    default:
      return SendOutcome::retry_elsewhere;
  }
}

}  // namespace

std::string_view cms_error_name(int code) {
  return lookup(kCms, code);
}
std::string_view cme_error_name(int code) {
  return lookup(kCme, code);
}
std::optional<int> cms_error_from_text(std::string_view text) {
  return reverse(kCms, text);
}
std::optional<int> cme_error_from_text(std::string_view text) {
  return reverse(kCme, text);
}

SendOutcome classify_send_error(const ModemError& error, const SendErrorOverrides& overrides) {
  if (error.code) {
    const auto& table = error.family == ErrorFamily::cms ? overrides.cms : overrides.cme;
    for (const auto& [code, outcome] : table)
      if (code == *error.code) return outcome;
  }
  if (!error.code) {
    // Plain ERROR or unmapped text: we cannot tell; the modem is the likelier culprit.
    return SendOutcome::retry_elsewhere;
  }
  return error.family == ErrorFamily::cms ? classify_cms(*error.code) : classify_cme(*error.code);
}

std::string_view to_string(SendOutcome outcome) {
  switch (outcome) {
    case SendOutcome::retry_here_later:
      return "retry-here-later";
    case SendOutcome::retry_elsewhere:
      return "retry-elsewhere";
    case SendOutcome::permanent:
      return "permanent";
  }
  return "?";
}

std::string describe(const ModemError& error) {
  std::string out = error.family == ErrorFamily::cms ? "+CMS ERROR: " : "+CME ERROR: ";
  if (error.code) {
    out += std::to_string(*error.code);
    const auto name = error.family == ErrorFamily::cms ? cms_error_name(*error.code)
                                                       : cme_error_name(*error.code);
    if (!name.empty()) {
      out += " (";
      out += name;
      out += ')';
    } else if (!error.text.empty()) {
      out += " (" + error.text + ')';
    }
  } else {
    out += error.text;
  }
  return out;
}

}  // namespace jumbe::at
