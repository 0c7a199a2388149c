// Internal to drivers/pdu: a bounds-checked reader over a PDU and the field codecs shared by the
// TPDU types (address, SMSC, time stamp, user data). Every read names the field it was reading,
// so an error says what was cut short and where (the octet offset in the whole PDU).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "jumbe/pdu/hex.hpp"
#include "jumbe/pdu/segment.hpp"
#include "jumbe/pdu/sms_submit.hpp"
#include "jumbe/pdu/types.hpp"

namespace jumbe::pdu::wire {

class Reader {
 public:
  explicit Reader(ByteView data) : data_(data) {}

  std::size_t pos() const noexcept { return pos_; }
  std::size_t remaining() const noexcept { return data_.size() - pos_; }
  bool at_end() const noexcept { return pos_ >= data_.size(); }

  // One octet, or ErrorCode::truncated naming `field`.
  Result<std::uint8_t> u8(const char* field);
  // n octets, or `code` (truncated / length_exceeds_data) naming `field`.
  Result<ByteView> take(std::size_t n, const char* field, ErrorCode code = ErrorCode::truncated);

 private:
  ByteView data_;
  std::size_t pos_ = 0;
};

// SMSC field (TS 24.011 8.2.5.2 as used by TS 27.005 3.1): length in octets incl. the TOA.
Result<std::optional<Address>> read_smsc(Reader& r);
void write_smsc(Bytes& out, const std::optional<Address>& smsc);

// TP-OA / TP-DA / TP-RA (TS 23.040 9.1.2.5): length in semi-octets (useful digits).
Result<Address> read_address(Reader& r, const char* field);
void write_address(Bytes& out, const Address& a);

// TP-SCTS / TP-DT / absolute TP-VP (TS 23.040 9.2.3.11): 7 octets of swapped BCD.
Result<Timestamp> read_timestamp(Reader& r, const char* field);
void write_timestamp(Bytes& out, const Timestamp& t);

// TP-UDL + TP-UD (9.2.3.16, 9.2.3.24) decoded with the DCS.
struct UserData {
  UserDataHeader udh;
  bool has_udh = false;
  std::string text;
  Bytes data;
};
Result<UserData> read_user_data(Reader& r, bool udhi, const DataCoding& dcs);

// TP-UDL + TP-UD for one segment; `udh` is the encoded header with its UDHL (may be empty).
void write_user_data(Bytes& out, Encoding encoding, const SegmentPayload& payload, ByteView udh);

// "00" or the SMSC address for encoders; errors name the SMSC.
Result<std::optional<Address>> smsc_for_encode(const std::optional<std::string>& smsc);

// The SMSC field (when `has_smsc`) into `smsc`, then the first octet, which must carry TP-MTI
// `mti`; otherwise bad_message_type naming `type_name` (tpdu_frame.cpp).
Result<std::uint8_t> read_head(Reader& r, bool has_smsc, std::uint8_t mti, const char* type_name,
                               std::optional<Address>& smsc);

// A text split into segments (segment()) with the TP-DCS octet for its encoding and class.
struct Body {
  Segmentation text;
  std::uint8_t dcs = 0;
};
Result<Body> plan_body(std::string_view text, std::optional<Encoding> encoding, bool ref16,
                       std::optional<int> message_class);

// The encoded UDH (with UDHL) of segment `index` (0-based) of `total`: empty for a single segment.
Bytes concat_header(std::size_t total, std::size_t index, std::uint16_t ref, bool ref16);

// One PDU per segment of `body`: the SMSC field, then `write_head(pdu, has_udh)` (the TPDU
// fields before TP-UDL, first octet included), then TP-UDL/TP-UD with the concatenation header.
// Shared by the SUBMIT and DELIVER encoders, which differ only in their head.
template <class WriteHead>
std::vector<EncodedPdu> encode_segments(const Body& body, const std::optional<Address>& smsc,
                                        std::uint16_t concat_ref, bool ref16,
                                        WriteHead write_head) {
  const std::size_t total = body.text.segments.size();
  std::vector<EncodedPdu> out;
  out.reserve(total);
  Bytes pdu;
  pdu.reserve(12 + 164);  // SMSC field + the largest TPDU: one allocation per message
  for (std::size_t i = 0; i < total; ++i) {
    const Bytes header = concat_header(total, i, concat_ref, ref16);
    pdu.clear();
    write_smsc(pdu, smsc);
    const std::size_t tpdu_start = pdu.size();
    write_head(pdu, !header.empty());
    write_user_data(pdu, body.text.plan.encoding, body.text.segments[i], header);
    out.push_back(EncodedPdu{pdu.size() - tpdu_start, to_hex(pdu)});
  }
  return out;
}

}  // namespace jumbe::pdu::wire
