// Error texts from 3GPP TS 27.007 9.2.1/9.2.2 (+CME) and TS 27.005 3.2.5 (+CMS), plus the
// TS 24.011 E.2 / TS 23.040 9.2.3.22 network causes that modems pass through as +CMS codes.
#include "jumbe/sim/errors.hpp"

namespace jumbe::sim {

std::string_view cme_text(int code) {
  switch (code) {
    case 0:
      return "phone failure";
    case 3:
      return "operation not allowed";
    case 4:
      return "operation not supported";
    case 10:
      return "SIM not inserted";
    case 11:
      return "SIM PIN required";
    case 12:
      return "SIM PUK required";
    case 13:
      return "SIM failure";
    case 14:
      return "SIM busy";
    case 16:
      return "incorrect password";
    case 20:
      return "memory full";
    case 21:
      return "invalid index";
    case 22:
      return "not found";
    case 23:
      return "memory failure";
    case 25:
      return "invalid characters in text string";
    case 30:
      return "no network service";
    case 31:
      return "network timeout";
    case 100:
      return "unknown";
    default:
      return "";
  }
}

std::string_view cms_text(int code) {
  switch (code) {
    case 8:
      return "Operator determined barring";
    case 21:
      return "Short message transfer rejected";
    case 38:
      return "Network out of order";
    case 42:
      return "Congestion";
    case 50:
      return "Requested facility not subscribed";
    case 300:
      return "ME failure";
    case 301:
      return "SMS service of ME reserved";
    case 302:
      return "operation not allowed";
    case 303:
      return "operation not supported";
    case 304:
      return "invalid PDU mode parameter";
    case 305:
      return "invalid text mode parameter";
    case 310:
      return "SIM not inserted";
    case 311:
      return "SIM PIN required";
    case 313:
      return "SIM failure";
    case 320:
      return "memory failure";
    case 321:
      return "invalid memory index";
    case 322:
      return "memory full";
    case 330:
      return "SMSC address unknown";
    case 331:
      return "no network service";
    case 332:
      return "network timeout";
    case 340:
      return "no +CNMA acknowledgement expected";
    case 500:
      return "unknown error";
    default:
      return "";
  }
}

std::string error_line(bool cms, int code, int cmee) {
  if (cmee == 0) return "ERROR";
  std::string line = cms ? "+CMS ERROR: " : "+CME ERROR: ";
  const auto text = cms ? cms_text(code) : cme_text(code);
  if (cmee == 2 && !text.empty()) return line + std::string{text};
  return line + std::to_string(code);
}

}  // namespace jumbe::sim
