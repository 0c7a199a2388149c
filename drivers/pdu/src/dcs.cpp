// Data coding scheme for SMS (3GPP TS 23.038 clause 4): coding groups general (00xx),
// automatic deletion (01xx), reserved (1000..1011, read as GSM 7-bit as the clause requires),
// message waiting (1100 discard, 1101 store, 1110 store UCS2) and data coding / class (1111).
#include "jumbe/pdu/types.hpp"

namespace jumbe::pdu {

std::string_view to_string(Encoding e) noexcept {
  switch (e) {
    case Encoding::gsm7:
      return "gsm7";
    case Encoding::eight_bit:
      return "8bit";
    case Encoding::ucs2:
      return "ucs2";
  }
  return "gsm7";
}

DataCoding decode_dcs(std::uint8_t dcs) noexcept {
  DataCoding d;
  d.raw = dcs;
  const unsigned group = dcs >> 4;
  if (group <= 0x7) {  // 00xx general, 01xx the same with automatic deletion
    d.auto_deletion = (dcs & 0x40) != 0;
    d.compressed = (dcs & 0x20) != 0;
    if (dcs & 0x10) d.message_class = dcs & 0x03;
    switch ((dcs >> 2) & 0x03) {
      case 1:
        d.encoding = Encoding::eight_bit;
        break;
      case 2:
        d.encoding = Encoding::ucs2;
        break;
      default:
        d.encoding = Encoding::gsm7;
        break;  // 11 is reserved: read as GSM 7-bit
    }
    return d;
  }
  if (group >= 0xC && group <= 0xE) {
    d.message_waiting = true;
    d.message_waiting_discard = group == 0xC;
    d.encoding = group == 0xE ? Encoding::ucs2 : Encoding::gsm7;
    d.message_waiting_active = (dcs & 0x08) != 0;
    d.waiting_kind = static_cast<MessageWaitingKind>(dcs & 0x03);
    return d;
  }
  if (group == 0xF) {
    d.encoding = (dcs & 0x04) ? Encoding::eight_bit : Encoding::gsm7;
    d.message_class = dcs & 0x03;
    return d;
  }
  return d;  // 1000..1011 reserved: GSM 7-bit, no class
}

Result<std::uint8_t> encode_dcs(Encoding encoding, std::optional<int> message_class) {
  std::uint8_t dcs = 0;
  if (encoding == Encoding::eight_bit) dcs = 0x04;
  if (encoding == Encoding::ucs2) dcs = 0x08;
  if (message_class) {
    if (*message_class < 0 || *message_class > 3) {
      return make_error(ErrorCode::bad_option, 0,
                        "class: " + std::to_string(*message_class) + " is not 0..3");
    }
    dcs = static_cast<std::uint8_t>(dcs | 0x10 | *message_class);
  }
  return dcs;
}

}  // namespace jumbe::pdu
