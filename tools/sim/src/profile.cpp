// Built-in vendor profiles (see profile.hpp for the manuals each comes from).
#include "jumbe/sim/profile.hpp"

namespace jumbe::sim {

namespace {

Profile generic() {
  Profile p;
  p.name = "generic";
  p.manufacturer = "jumbe";
  p.model = "jumbe-sim generic GSM modem";
  p.revision = "jumbe-sim 1.0";
  p.ati = {"Manufacturer: jumbe", "Model: jumbe-sim generic GSM modem", "Revision: jumbe-sim 1.0",
           "IMEI: {imei}", "+GCAP: +CGSM"};
  return p;
}

Profile huawei() {
  Profile p;
  p.name = "huawei";
  // E173 answers: +CGMI "huawei", +CGMM "E173", +CGMR "11.126.85.00.209"; ATI as below.
  p.manufacturer = "huawei";
  p.model = "E173";
  p.revision = "11.126.85.00.209";
  p.ati = {"Manufacturer: huawei", "Model: E173", "Revision: 11.126.85.00.209", "IMEI: {imei}",
           "+GCAP: +CGSM,+DS,+ES"};
  // Quirk: the E173 greets a freshly opened port with ^BOOT and ^RSSI noise, not RDY.
  p.boot_lines = {"^BOOT:24181497,0,0,0,75", "^RSSI:20", "^MODE:3,2", "^SRVST:2"};
  p.ussd_packed_hex = true;
  p.huawei_urcs = true;
  p.first_index = 0;
  return p;
}

Profile simcom() {
  Profile p;
  p.name = "simcom";
  // SIM800 Series AT Command Manual V1.09: +CGMI "SIMCOM_Ltd", +CGMM "SIMCOM_SIM800", ATI
  // "SIM800 R14.18"; start-up URCs RDY (fixed baud rate), +CFUN: 1, +CPIN: READY, Call Ready,
  // SMS Ready (AT+CIURC=1, the default).
  p.manufacturer = "SIMCOM_Ltd";
  p.model = "SIMCOM_SIM800";
  p.revision = "Revision:1418B04SIM800M32";
  p.ati = {"SIM800 R14.18"};
  p.boot_lines = {"RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready"};
  p.text_mode_default = true;
  p.default_cscs = "IRA";
  p.cmti_by_default = true;
  p.has_cereg = false;
  p.cops_act = "";
  p.ccid_bare = true;
  p.cbc_voltage = true;
  p.has_ciurc = true;
  return p;
}

Profile quectel() {
  Profile p;
  p.name = "quectel";
  // EC25&EC21 AT Commands Manual V1.3: +CGMI "Quectel", +CGMM "EC25", ATI three lines; start-up
  // URCs RDY, +CFUN: 1, +CPIN: READY, +QUSIM: 1, +QIND: SMS DONE, +QIND: PB DONE.
  p.manufacturer = "Quectel";
  p.model = "EC25";
  p.revision = "EC25EFAR06A06M4G";
  p.ati = {"Quectel", "EC25", "Revision: EC25EFAR06A06M4G"};
  p.boot_lines = {"RDY",       "+CFUN: 1",        "+CPIN: READY",
                  "+QUSIM: 1", "+QIND: SMS DONE", "+QIND: PB DONE"};
  p.quectel_urcs = true;
  p.default_cscs = "GSM";
  p.cmti_by_default = true;
  p.cops_act = ",7";
  p.has_qurccfg = true;
  return p;
}

}  // namespace

std::optional<Profile> find_profile(std::string_view name) {
  if (name == "generic") return generic();
  if (name == "huawei") return huawei();
  if (name == "simcom") return simcom();
  if (name == "quectel") return quectel();
  return std::nullopt;
}

std::vector<std::string> profile_names() {
  return {"generic", "huawei", "simcom", "quectel"};
}

}  // namespace jumbe::sim
