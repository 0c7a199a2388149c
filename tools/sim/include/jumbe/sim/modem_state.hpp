// The state of one simulated modem that the control socket reads and changes: identity, SIM,
// network, message storage, what the client sent, faults and counters. Plain data; the rules
// that change it live in the engine (engine*.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jumbe::sim {

struct Identity {
  std::string name;           // control-socket name, e.g. "saf-1"
  std::string imei;           // 15 digits with a valid Luhn check digit
  std::string imsi;           // MCC MNC MSIN, e.g. 639020000000001
  std::string iccid;          // 89254... 19-20 digits
  std::string msisdn;         // +2547...
  std::string operator_long;  // "Safaricom"
  std::string operator_short;
  std::string mccmnc;  // "63902"
  std::string smsc;    // "+254722500029"
  int lac = 0x1F4D;
  int cell_id = 0x2A31;
};

enum class SimState { ready, pin, puk, absent };

// One message in SM/ME storage, as +CMGR/+CMGL show it. stat: 0 REC UNREAD, 1 REC READ,
// 2 STO UNSENT, 3 STO SENT (TS 27.005 3.1).
struct StoredSms {
  int stat = 0;
  std::string pdu_hex;  // with the SMSC field in front, as +CMGR prints it
  int tpdu_length = 0;  // octets after the SMSC field (<length> of +CMGR)
  bool status_report = false;
  // For text mode (TS 27.005 4.x): sender or recipient, time stamp, text in UTF-8.
  std::string address;
  std::string scts;  // "26/11/23,09:15:02+12"
  std::string text;
  int mr = 0;           // status reports: the reference they are about
  int status = 0;       // status reports: TP-ST
  bool filler = false;  // put there by the sim_full fault, removed when it is cleared
};

// The decoded record of one SMS-SUBMIT (one AT+CMGS), what the tests compare against.
struct SentRecord {
  int mr = 0;                           // TP-MR as assigned by this modem (+CMGS: <mr>)
  std::string to;                       // recipient as sent: "+254712345678" or "0712345678"
  std::string text;                     // the user data of this part, UTF-8
  std::string encoding;                 // gsm7 | ucs2 | 8bit
  bool srr = false;                     // TP-SRR: a status report was requested
  std::optional<int> validity_minutes;  // relative TP-VP, rounded as on the wire
  std::optional<int> message_class;
  int concat_ref = -1;  // UDH concatenation, -1 when none
  int concat_total = 0;
  int concat_seq = 0;
  int concat_ref_bits = 0;
  std::string udh_hex;       // the whole UDH as sent (without UDHL), "" when none
  std::string mode;          // "pdu" | "text"
  std::string pdu_hex;       // what the client wrote (PDU mode) or "" (text mode)
  std::int64_t time_ms = 0;  // wall clock when accepted
};

struct Faults {
  int no_answer = 0;  // swallow the next N command lines
  int garbage = 0;    // put junk before the next N responses
  int send_error_count = 0;
  int send_error_code = 0;
  bool send_error_cme = false;  // +CME instead of +CMS
  bool sim_full = false;        // storage reports full; new messages are not stored
  bool credit_exhausted = false;
  int credit_error_code = 500;  // what a send answers with no airtime
  bool network_lost = false;
};

struct Counters {
  std::uint64_t commands = 0;
  std::uint64_t errors = 0;
  std::uint64_t sms_sent = 0;
  std::uint64_t sms_send_failed = 0;
  std::uint64_t sms_delivered = 0;  // inbound parts injected
  std::uint64_t sms_stored = 0;     // stored in SM/ME
  std::uint64_t sms_dropped = 0;    // inbound lost because storage was full
  std::uint64_t status_reports = 0;
  std::uint64_t ussd_requests = 0;
  std::uint64_t unplugs = 0;
  std::uint64_t resets = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
};

// A USSD menu tree node: text shown, and the child per user answer. Leaf = session ends.
struct UssdNode {
  std::string text;
  std::map<std::string, UssdNode> options;
};

}  // namespace jumbe::sim
