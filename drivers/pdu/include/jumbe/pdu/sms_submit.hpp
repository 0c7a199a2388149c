// SMS-SUBMIT (TS 23.040 9.2.2.2): what we send with AT+CMGS in PDU mode (TS 27.005 3.5.1), and
// its decoder (the jumbe-sim reads what a client sent). Contract: encode_submit returns one PDU
// per segment, each the exact hex to write after `AT+CMGS=<tpdu_length>` with the SMSC field
// first ("00" = the modem's default SMSC); decode_submit reads the same back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/pdu/result.hpp"
#include "jumbe/pdu/types.hpp"

namespace jumbe::pdu {

// One PDU ready for the modem.
struct EncodedPdu {
  std::size_t tpdu_length = 0;  // octets after the SMSC field: the <length> of AT+CMGS
  std::string hex;              // SMSC field + TPDU, upper-case hex
};

struct SubmitOptions {
  std::string to;                      // "+2547..." international, else digits
  std::optional<std::uint8_t> to_toa;  // override the destination's type of address
  std::optional<std::string> smsc;     // nullopt: "00", the modem's default SMSC
  bool status_report = false;          // TP-SRR
  bool reject_duplicates = false;      // TP-RD
  bool reply_path = false;             // TP-RP
  Validity validity;                   // none by default (the SMSC's default applies)
  std::uint8_t pid = 0;                // TP-PID
  std::optional<int> message_class;    // 0 = flash .. 3
  std::optional<Encoding> encoding;    // nullopt: GSM 7-bit if it fits, else UCS2
  bool ref16 = false;                  // 16-bit concatenation reference (IEI 0x08)
  std::uint8_t mr = 0;                 // TP-MR: 0, the modem assigns the real one
};

// Encodes a text (UTF-8; for eight_bit, its bytes are the data) as one SMS-SUBMIT per segment.
// `concat_ref` is used only when the text needs several segments (see ConcatReferences).
// Errors: bad_utf8, not_encodable, too_long, bad_number, bad_option.
Result<std::vector<EncodedPdu>> encode_submit(std::string_view text, const SubmitOptions& options,
                                              std::uint16_t concat_ref = 0);

struct Submit {
  std::optional<Address> smsc;  // nullopt when the SMSC field was empty ("00") or absent
  std::uint8_t first_octet = 0;
  bool reject_duplicates = false;
  bool status_report = false;
  bool reply_path = false;
  std::uint8_t mr = 0;
  Address destination;
  std::uint8_t pid = 0;
  DataCoding dcs;
  Validity validity;
  UserDataHeader udh;
  bool has_udh = false;
  std::string text;  // decoded text (gsm7 / ucs2); for 8-bit, empty (see data)
  Bytes data;        // user data after the header: octets (8-bit / ucs2) or septet values (gsm7)
};

// Decodes an SMS-SUBMIT. `has_smsc`: the bytes start with the SMSC field (as AT+CMGS data does).
Result<Submit> decode_submit(ByteView pdu, bool has_smsc = true);

}  // namespace jumbe::pdu
