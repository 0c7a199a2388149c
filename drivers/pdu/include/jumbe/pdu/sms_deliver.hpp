// SMS-DELIVER (TS 23.040 9.2.2.1): what modems print in +CMGR / +CMGL / +CMT in PDU mode
// (TS 27.005 3.4.1 / 3.1), and its encoder (the jumbe-sim produces inbound messages). Contract:
// decoding never refuses a well-framed message because of its content: unknown UDH elements are
// kept, unassigned characters show as U+FFFD, compressed data is flagged with the bytes kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/pdu/result.hpp"
#include "jumbe/pdu/sms_submit.hpp"
#include "jumbe/pdu/types.hpp"

namespace jumbe::pdu {

struct Deliver {
  std::optional<Address> smsc;  // nullopt when the SMSC field was "00" or absent
  std::uint8_t first_octet = 0;
  bool more_messages = false;             // TP-MMS = 0 means more messages are waiting at the SC
  bool loop_prevention = false;           // TP-LP
  bool status_report_indication = false;  // TP-SRI
  bool reply_path = false;                // TP-RP
  Address sender;
  std::uint8_t pid = 0;
  DataCoding dcs;
  Timestamp timestamp;  // TP-SCTS
  UserDataHeader udh;
  bool has_udh = false;
  std::string text;  // decoded text; empty for 8-bit and compressed data (see data)
  Bytes data;        // user data after the header: octets (8-bit / ucs2) or septet values (gsm7)
};

// Decodes an SMS-DELIVER. `has_smsc`: the bytes start with the SMSC field (as +CMGR prints it).
Result<Deliver> decode_deliver(ByteView pdu, bool has_smsc = true);

struct DeliverOptions {
  std::string from;  // "+2547...", short code digits, or alphanumeric text ("SAFARICOM")
  std::optional<std::uint8_t> from_toa;  // override the sender's type of address
  std::optional<std::string> smsc;       // nullopt: "00"
  Timestamp timestamp;                   // TP-SCTS
  std::uint8_t pid = 0;
  std::optional<int> message_class;  // 0 = flash
  std::optional<Encoding> encoding;  // nullopt: GSM 7-bit if it fits, else UCS2
  bool ref16 = false;
  bool status_report_indication = false;
  bool reply_path = false;
  bool more_messages = false;  // sets TP-MMS = 0 on every part
};

// Encodes a text as one SMS-DELIVER per segment (concatenated with `concat_ref` when needed).
Result<std::vector<EncodedPdu>> encode_deliver(std::string_view text, const DeliverOptions& options,
                                               std::uint16_t concat_ref = 0);

}  // namespace jumbe::pdu
