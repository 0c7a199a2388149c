// Vendor profiles of the simulated modem: identity strings, start-up lines and named quirk
// flags, as data (house style 4). Sources: TS 27.007/27.005 (generic); HUAWEI E173/MU509 AT
// Command Interface Specification (^BOOT/^RSSI/^MODE/^SRVST, ^CURC, USSD as packed-7bit hex);
// SIMCom SIM800 Series AT Command Manual V1.09 (RDY, Call Ready, SMS Ready); Quectel EC25&EC21
// AT Commands Manual V1.3 (RDY, +QUSIM, +QIND: SMS DONE / PB DONE). Details per flag below.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jumbe::sim {

struct Profile {
  std::string name;                     // generic | huawei | simcom | quectel
  std::string manufacturer;             // +CGMI
  std::string model;                    // +CGMM
  std::string revision;                 // +CGMR
  std::vector<std::string> ati;         // ATI lines; "{imei}" is replaced
  std::vector<std::string> boot_lines;  // URCs after power-on / +CFUN=1,1 (ready SIM)
  bool text_mode_default = false;       // +CMGF default 1 (SIM800 manual lists CMGF default 0;
                                        // kept as the issue asks, see docs/jumbe-sim.md)
  bool ussd_packed_hex = false;         // Huawei: +CUSD strings are hex of packed GSM 7-bit
  bool huawei_urcs = false;             // ^RSSI/^MODE/^SRVST/^BOOT noise until AT^CURC=0
  bool quectel_urcs = false;            // +QIND/+QUSIM lines
  int first_index = 1;                  // first SIM storage index (Huawei counts from 0)
  std::string default_cscs = "IRA";     // +CSCS after reset
  bool cmgs_plus_prefix_space = true;   // "+CMGS: 12" (all four; kept as a flag for variants)
  bool cmti_by_default = false;         // +CNMI starts 2,1 (SIM800, EC25 manuals); 27.007
                                        // leaves it to the maker, generic/Huawei start silent
  bool has_cereg = true;                // +CEREG exists (SIM800 is 2G only: ERROR)
  std::string cops_act = ",2";          // +COPS <AcT> suffix: UTRAN ",2", E-UTRAN ",7", GSM ""
  bool ccid_bare = false;               // AT+CCID prints the bare ICCID (SIM800), not "+CCID: "
  bool cbc_voltage = false;             // +CBC adds the supply voltage in mV (SIM800)
  bool has_ciurc = false;               // AT+CIURC (SIMCom's "Call Ready" URC switch)
  bool has_qurccfg = false;             // AT+QURCCFG (Quectel's URC port setting)
};

// The built-in profile with that name, or nullopt.
std::optional<Profile> find_profile(std::string_view name);
std::vector<std::string> profile_names();

}  // namespace jumbe::sim
