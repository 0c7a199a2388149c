// The value types shared by every TPDU: addresses (TS 23.040 9.1.2.5), service centre time
// stamps (9.2.3.11), data coding (TS 23.038 clause 4), user data headers (9.2.3.24) and validity
// periods (9.2.3.12). Plain structs with no invariants beyond what their comments say; the
// functions that read and write them on the wire are declared here too and live in src/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/pdu/alphabet.hpp"
#include "jumbe/pdu/hex.hpp"
#include "jumbe/pdu/result.hpp"

namespace jumbe::pdu {

// --- Address (TS 23.040 9.1.2.5) ---------------------------------------------------------------
// Type-of-number bits 6..4 of the type-of-address octet.
enum class NumberType : std::uint8_t {
  unknown = 0,
  international = 1,
  national = 2,
  network_specific = 3,
  subscriber = 4,
  alphanumeric = 5,
  abbreviated = 6,
  reserved = 7,
};

inline constexpr std::uint8_t toa_international = 0x91;  // ISDN plan, international
inline constexpr std::uint8_t toa_unknown = 0x81;        // ISDN plan, unknown (national use)
inline constexpr std::uint8_t toa_national = 0xA1;       // ISDN plan, national
inline constexpr std::uint8_t toa_alphanumeric = 0xD0;   // GSM 7-bit text, e.g. "SAFARICOM"

struct Address {
  // International: "+254712345678". Alphanumeric: the decoded text. Others: the digits as sent,
  // where BCD codes 0xA..0xE appear as '*', '#', 'a', 'b', 'c'.
  std::string value;
  std::uint8_t toa = toa_unknown;  // the type-of-address octet as on the wire

  NumberType type() const noexcept { return static_cast<NumberType>((toa >> 4) & 0x07); }
  bool operator==(const Address&) const = default;
};

// Address for encoding: "+<digits>" is international (0x91); digits, '*' and '#' are "unknown"
// (0x81, how phones send national numbers and short codes); `toa` overrides the choice. When
// allow_alphanumeric is set (DELIVER senders), any other text up to 11 characters of GSM 7-bit
// becomes an alphanumeric address (0xD0). Errors: empty, too long (20 digits), bad characters.
Result<Address> make_address(std::string_view number, bool allow_alphanumeric = false,
                             std::optional<std::uint8_t> toa = std::nullopt);

// --- Time stamp (TS 23.040 9.2.3.11) -------------------------------------------------------------
struct Timestamp {
  int year = 2000;  // full year; the wire carries two digits, read as 1990..2089
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int tz_quarters = 0;  // offset from UTC in quarter hours, -79..+79 (East Africa: +12)

  // "2024-03-05T14:07:09+03:00"; offsets in quarter hours print as "+05:45", "-03:30".
  std::string iso8601() const;
  bool operator==(const Timestamp&) const = default;
};

// --- Data coding scheme (TS 23.038 clause 4) -------------------------------------------------
enum class MessageWaitingKind : std::uint8_t { voicemail, fax, email, other };

struct DataCoding {
  std::uint8_t raw = 0;
  Encoding encoding = Encoding::gsm7;
  std::optional<int> message_class;  // 0 (flash) .. 3
  bool compressed = false;           // TS 23.042 compression: flagged, not decoded
  bool auto_deletion = false;        // marked for automatic deletion (groups 01xx)
  // Message waiting indication groups 1100 / 1101 / 1110.
  bool message_waiting = false;
  bool message_waiting_active = false;
  bool message_waiting_discard = false;  // group 1100: the text may be discarded
  MessageWaitingKind waiting_kind = MessageWaitingKind::other;
};

// Interprets a DCS octet. Reserved coding groups (0x80..0xBF) read as GSM 7-bit, as the spec
// asks receivers to (TS 23.038 clause 4, "reserved coding groups").
DataCoding decode_dcs(std::uint8_t dcs) noexcept;

// DCS for an outgoing message: general data coding group, uncompressed, with the class bits
// when a class is given (class 0 = flash). Errors: class outside 0..3.
Result<std::uint8_t> encode_dcs(Encoding encoding, std::optional<int> message_class);

// --- User data header (TS 23.040 9.2.3.24) -------------------------------------------------------
struct Concat {
  std::uint16_t ref = 0;
  std::uint8_t total = 0;     // total parts, 1..255
  std::uint8_t seq = 0;       // this part, 1..total
  std::uint8_t ref_bits = 8;  // 8 (IEI 0x00) or 16 (IEI 0x08)
  bool operator==(const Concat&) const = default;
};

struct Ports {
  std::uint16_t destination = 0;
  std::uint16_t source = 0;
  std::uint8_t bits = 16;  // 8 (IEI 0x04) or 16 (IEI 0x05)
  bool operator==(const Ports&) const = default;
};

struct InformationElement {
  std::uint8_t iei = 0;
  Bytes data;
  bool operator==(const InformationElement&) const = default;
};

struct UserDataHeader {
  std::optional<Concat> concat;
  std::optional<Ports> ports;
  std::vector<InformationElement> other;  // elements we do not interpret, kept verbatim
  bool operator==(const UserDataHeader&) const = default;
};

// Parses the header bytes that follow the UDHL octet (`header` excludes UDHL). A concatenation
// element with total 0 or seq outside 1..total is ignored as the spec asks (9.2.3.24.1).
// `base` is the header's offset in the PDU, for error positions. Errors: an element whose
// length runs past the header.
Result<UserDataHeader> parse_udh(ByteView header, std::size_t base = 0);

// Encodes a header including its UDHL octet (empty when the header holds nothing).
Bytes encode_udh(const UserDataHeader& udh);

// --- Validity period (TS 23.040 9.2.3.12) ------------------------------------------------------
struct Validity {
  enum class Format : std::uint8_t { none, relative, absolute };
  Format format = Format::none;
  std::uint32_t relative_minutes = 0;  // requested; the wire rounds it up to a representable one
  Timestamp absolute;
};

// TP-VP relative octet for a duration, rounded up to the next representable period (5 minute
// steps to 12 h, 30 minute steps to 24 h, days to 30 d, weeks to 63 w). Errors: 0 or > 63 weeks.
Result<std::uint8_t> relative_validity_octet(std::uint32_t minutes);
// The duration a TP-VP relative octet stands for.
std::uint32_t relative_validity_minutes(std::uint8_t octet) noexcept;

}  // namespace jumbe::pdu
