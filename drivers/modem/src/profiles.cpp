// The five built-in vendor profiles as data (house style 4). Each quirk cites its source; the
// transcripts under tests/fixtures/transcripts/<vendor>-<model>/ show the behaviour line by line.
// Sources: 3GPP TS 27.005 / 27.007 (generic); HUAWEI EM770W / MU709 AT Command Interface
// Specifications (^CURC, +CUSD with hex strings); ZTE "AT Command Set for ZTE Wireless Data
// Product" v1.8; SIMCom SIM800 Series AT Command Manual V1.09 and SIM7500/SIM7600 V1.07;
// Quectel EC25&EC21 AT Commands Manual V1.3. USB vendor ids as ModemManager's plugins use them.
#include "jumbe/modem/profile.hpp"

namespace jumbe::modem {

namespace {

Flags generic_flags() {
  return {
      {"ussd_encoding", {"text"}},
      {"ussd_dcs", {"15"}},
      // <mt>=1: +CMTI for stored messages, read and deleted by us after commit; <ds>=1: +CDS.
      {"cnmi", {"2,1,0,1,0"}},
      {"extra_init", {}},
      {"ignore_urcs", {}},
      {"reset_method", {"cfun11"}},
      // +CMMS is TS 27.005 3.5.6; a modem that answers ERROR simply does without it.
      {"supports_cmms", {"yes"}},
      {"sms_storage", {"SM"}},
      {"registration", {"creg", "cgreg", "cereg"}},
      {"sweep_interval_s", {"300"}},
      {"health_interval_s", {"30"}},
  };
}

Profile make(std::string name, std::string description, std::vector<UsbId> usb,
             std::vector<std::string> makers, std::vector<std::string> models,
             const Flags& changes) {
  Profile p{std::move(name),   std::move(description), std::move(usb),
            std::move(makers), std::move(models),      generic_flags()};
  for (const auto& [k, v] : changes)
    p.flags[k] = v;
  return p;
}

}  // namespace

const std::vector<Profile>& builtin_profiles() {
  static const std::vector<Profile> profiles = {
      make("generic", "3GPP TS 27.005 / 27.007 by the book", {}, {}, {}, {}),
      make("huawei", "Huawei E173 / E303 / E3131 in serial (stick) mode, not HiLink", {{0x12d1, 0}},
           {"huawei*"}, {},
           {
               // Quirk: Huawei answers USSD as hex of packed GSM 7-bit both ways:
               // AT+CUSD=1,"AA180C3602",15 -> +CUSD: 0,"C2303BEC1E97413D90...",15
               {"ussd_encoding", {"packed-hex"}},
               // ^CURC=0 stops the periodic ^RSSI / ^DSFLOWRPT / ^MODE reports (EM770W spec).
               {"extra_init", {"AT^CURC=0"}},
               // Seen before ^CURC=0 takes effect and after every replug: "^BOOT:20952084,0,0,0,75"
               {"ignore_urcs",
                {"^BOOT:", "^RSSI:", "^MODE:", "^SRVST:", "^SIMST:", "^DSFLOWRPT:", "^HCSQ:",
                 "^RFSWITCH:", "^NDISSTAT:"}},
               {"supports_cmms", {"no"}},
               {"registration", {"creg", "cgreg"}},
           }),
      make("zte", "ZTE MF190 / MF667 sticks in modem mode", {{0x19d2, 0}}, {"zte*"}, {},
           {
               // Noise lines of ZTE sticks: +ZPASR: "UMTS", +ZUSIMR:2, +ZDONR, +ZEND.
               {"ignore_urcs", {"+ZPASR:", "+ZUSIMR:", "+ZDONR:", "+ZEND", "+ZSTR:"}},
               // FIXME: no capture of AT+CFUN=1,1 on an MF190; reopening is safe on any modem.
               {"reset_method", {"reopen"}},
               {"supports_cmms", {"no"}},
               {"registration", {"creg", "cgreg"}},
           }),
      make("simcom", "SIMCom SIM800 (UART) and SIM7600 (USB)", {{0x1e0e, 0}}, {"simcom*"}, {},
           {
               // SIM800 prints "RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready" at
               // power-up and after AT+CFUN=1,1 (SIM800 manual V1.09, 1.4 and AT+CFUN).
               {"ignore_urcs", {"RDY", "Call Ready", "SMS Ready", "+CFUN:", "PB DONE"}},
               // SIM800 lists <ds> 0..1 only for +CNMI, so status reports come as +CDS.
               {"cnmi", {"2,1,0,1,0"}},
               {"supports_cmms", {"no"}},
               {"registration", {"creg", "cgreg"}},
           }),
      make("quectel", "Quectel EC25 / EG25 (USB)", {{0x2c7c, 0}}, {"quectel*"}, {},
           {
               // EC25 at power-up: "RDY", "+QUSIM: 1", "+QIND: SMS DONE", "+QIND: PB DONE".
               {"ignore_urcs", {"RDY", "+QIND:", "+QUSIM:"}},
               {"registration", {"creg", "cereg"}},
           }),
  };
  return profiles;
}

}  // namespace jumbe::modem
