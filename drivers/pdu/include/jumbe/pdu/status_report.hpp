// SMS-STATUS-REPORT (TS 23.040 9.2.2.3): what modems print in +CDS / +CMGR after a message sent
// with TP-SRR; TP-MR links it to the send. TP-ST is mapped to its class (9.2.3.15). Also the
// encoder the jumbe-sim uses to emit reports for a given TP-MR / recipient / status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jumbe/pdu/result.hpp"
#include "jumbe/pdu/sms_submit.hpp"
#include "jumbe/pdu/types.hpp"

namespace jumbe::pdu {

// TS 23.040 9.2.3.15 TP-Status, by its bits 6..5.
enum class StatusClass : std::uint8_t {
  delivered,         // 0x00..0x1F: transaction completed
  pending,           // 0x20..0x3F: temporary error, the SC is still trying
  failed_permanent,  // 0x40..0x5F: permanent error, the SC is not making more attempts
  failed_temporary,  // 0x60..0x7F: temporary error, the SC is not making more attempts
  reserved,          // 0x80..0xFF
};

StatusClass status_class(std::uint8_t status) noexcept;
// "delivered", "pending", "failed", "failed", "reserved" (the CLI's status_class field).
std::string_view status_class_name(StatusClass c) noexcept;
// The spec's meaning of a TP-ST value, e.g. "SM validity period expired" (0x46).
std::string_view status_meaning(std::uint8_t status) noexcept;
// True when no further report will come for this message (everything but pending).
inline bool status_is_final(std::uint8_t status) noexcept {
  return status_class(status) != StatusClass::pending;
}

struct StatusReport {
  std::optional<Address> smsc;
  std::uint8_t first_octet = 0;
  bool more_messages = false;            // TP-MMS = 0
  bool status_report_qualifier = false;  // TP-SRQ: report of a COMMAND rather than a SUBMIT
  std::uint8_t mr = 0;
  Address recipient;
  Timestamp timestamp;       // TP-SCTS: when the SC received the original message
  Timestamp discharge_time;  // TP-DT: delivery, or the time of the status
  std::uint8_t status = 0;
  // Optional parameters announced by TP-PI.
  std::optional<std::uint8_t> pid;
  std::optional<DataCoding> dcs;
  std::string text;
  Bytes data;
};

Result<StatusReport> decode_status_report(ByteView pdu, bool has_smsc = true);

struct StatusReportOptions {
  std::uint8_t mr = 0;
  std::string recipient;  // "+2547..." or digits
  Timestamp timestamp;
  Timestamp discharge_time;
  std::uint8_t status = 0;
  std::optional<std::string> smsc;  // nullopt: "00"
};

Result<EncodedPdu> encode_status_report(const StatusReportOptions& options);

}  // namespace jumbe::pdu
