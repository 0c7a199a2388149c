// Pure parsers for the replies and URCs the modem layer reads, one source file per command under
// src/replies/. Contract: each takes the verbatim line(s) (as the engine hands them over: no line
// ends, echo removed) and returns a value or a ParseError whose message names the command and
// quotes the bad part; none throws or reads out of bounds. Clauses: TS 27.007 (+CSQ 8.5, +CREG
// 7.2, +CGREG 10.1.20, +CEREG 10.1.22, +COPS 7.3, +CUSD 7.15, +CPIN 8.3, +CGSN 5.4, +CIMI 5.6),
// TS 27.005 (+CPMS 3.2.2, +CMGS 3.5.1, +CMTI/+CDSI/+CDS 3.4.1, +CMGL 3.4.2, +CMGR 3.4.3).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace jumbe::at {

struct ParseError {
  std::string message;
};

template <typename T>
using Parsed = tl::expected<T, ParseError>;

// ---- +CSQ (TS 27.007 8.5) ----
struct SignalQuality {
  int rssi = 99;                 // raw 0..31, 99 = unknown
  int ber = 99;                  // raw 0..7, 99 = unknown
  std::optional<int> rssi_dbm;   // -113 + 2*rssi; 0 -> -113 ("or less"), 31 -> -51 ("or more")
  std::optional<int> ber_class;  // 0..7 (RXQUAL); > 0 warns of a link that may hang +CMGS
  friend bool operator==(const SignalQuality&, const SignalQuality&) = default;
};
Parsed<SignalQuality> parse_csq(std::string_view line);

// ---- +CREG / +CGREG / +CEREG (TS 27.007 7.2, 10.1.20, 10.1.22) ----
enum class RegDomain { cs, ps, eps };  // +CREG, +CGREG, +CEREG
enum class RegStatus : int {
  not_registered = 0,
  home = 1,
  searching = 2,
  denied = 3,
  unknown = 4,
  roaming = 5,
  home_sms_only = 6,
  roaming_sms_only = 7,
  emergency_only = 8,
  home_csfb_not_preferred = 9,
  roaming_csfb_not_preferred = 10,
};
struct Registration {
  RegDomain domain = RegDomain::cs;
  std::optional<int> mode;  // <n>, only in the query reply
  RegStatus status = RegStatus::unknown;
  std::optional<std::uint32_t> lac;  // LAC or TAC
  std::optional<std::uint32_t> cell_id;
  std::optional<int> act;  // access technology (TS 27.007 7.3 <AcT>)
  bool registered() const {
    return status == RegStatus::home || status == RegStatus::roaming ||
           status == RegStatus::home_sms_only || status == RegStatus::roaming_sms_only ||
           status == RegStatus::home_csfb_not_preferred ||
           status == RegStatus::roaming_csfb_not_preferred;
  }
  friend bool operator==(const Registration&, const Registration&) = default;
};
// `solicited`: the reply to AT+CREG? ("<n>,<stat>[,...]") rather than the URC ("<stat>[,...]").
// The two cannot be told apart from the text ("+CREG: 1,5" is both), so the caller says which.
Parsed<Registration> parse_registration(std::string_view line, bool solicited);

// ---- +CUSD (TS 27.007 7.15) ----
struct Ussd {
  int status = 0;  // 0 done, 1 further action, 2 released by network, 3 other client,
                   // 4 not supported, 5 network timeout
  std::optional<std::string> text;  // <str> verbatim (may be hex, see dcs)
  std::optional<int> dcs;           // TS 23.038 5 cell broadcast DCS
  friend bool operator==(const Ussd&, const Ussd&) = default;
};
Parsed<Ussd> parse_cusd(std::string_view line);

// ---- +CPMS (TS 27.005 3.2.2) ----
struct StorageUse {
  std::string name;  // "SM", "ME", "MT", "SR"; empty in the set reply, which names none
  int used = 0;
  int total = 0;
  friend bool operator==(const StorageUse&, const StorageUse&) = default;
};
// Query reply '+CPMS: "SM",5,30,"SM",5,30,"SM",5,30' or set reply '+CPMS: 5,30,5,30,5,30'.
Parsed<std::vector<StorageUse>> parse_cpms(std::string_view line);

// ---- +COPS (TS 27.007 7.3) ----
struct OperatorSelection {
  int mode = 0;
  std::optional<int> format;
  std::optional<std::string> oper;
  std::optional<int> act;
  friend bool operator==(const OperatorSelection&, const OperatorSelection&) = default;
};
Parsed<OperatorSelection> parse_cops_query(std::string_view line);
struct OperatorEntry {
  int status = 0;  // 0 unknown, 1 available, 2 current, 3 forbidden
  std::string long_name, short_name, numeric;
  std::optional<int> act;
  friend bool operator==(const OperatorEntry&, const OperatorEntry&) = default;
};
Parsed<std::vector<OperatorEntry>> parse_cops_test(std::string_view line);

// ---- +CMGS (TS 27.005 3.5.1) ----
Parsed<int> parse_cmgs(std::string_view line);  // the TP-MR, 0..255

// ---- +CMTI / +CDSI (TS 27.005 3.4.1) ----
struct StoredIndication {
  std::string storage;
  int index = 0;
  friend bool operator==(const StoredIndication&, const StoredIndication&) = default;
};
Parsed<StoredIndication> parse_cmti(std::string_view line);  // accepts +CDSI too

// ---- +CDS / +CMT headers in PDU mode (TS 27.005 3.4.1) ----
Parsed<int> parse_cds_header(std::string_view line);  // "+CDS: 25" -> 25
struct CmtHeader {
  std::optional<std::string> alpha;
  int length = 0;
  friend bool operator==(const CmtHeader&, const CmtHeader&) = default;
};
Parsed<CmtHeader> parse_cmt_header(std::string_view line);  // "+CMT: ,23"

// ---- +CMGL / +CMGR in PDU mode (TS 27.005 3.4.2 / 3.4.3) ----
struct StoredPdu {
  int index = -1;  // -1 for +CMGR (the caller knows the index it asked for)
  int status = 0;  // 0 received unread, 1 received read, 2 stored unsent, 3 stored sent
  std::optional<std::string> alpha;
  int length = 0;   // TPDU length in octets (the SMSC address is not counted)
  std::string pdu;  // hex, SMSC address included as the modem gives it
  friend bool operator==(const StoredPdu&, const StoredPdu&) = default;
};
Parsed<std::vector<StoredPdu>> parse_cmgl(std::span<const std::string> lines);
Parsed<StoredPdu> parse_cmgr(std::span<const std::string> lines);

// ---- +CPIN (TS 27.007 8.3) ----
enum class SimState {
  ready,
  sim_pin,
  sim_puk,
  ph_sim_pin,
  sim_pin2,
  sim_puk2,
  ph_net_pin,
  other_lock,  // other PH-... codes
};
Parsed<SimState> parse_cpin(std::string_view line);

// ---- identities: +CGSN (IMEI), +CIMI (IMSI), ICCID (+CCID, ^ICCID, +ICCID, +QCCID) ----
Parsed<std::string> parse_imei(std::span<const std::string> lines);
Parsed<std::string> parse_imsi(std::span<const std::string> lines);
Parsed<std::string> parse_iccid(std::span<const std::string> lines);

}  // namespace jumbe::at
