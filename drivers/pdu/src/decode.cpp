// Decoding a PDU of unknown type (3GPP TS 23.040 9.2.3.1 TP-MTI), as the gateway sees them:
// 00 SMS-DELIVER, 01 SMS-SUBMIT, 10 SMS-STATUS-REPORT; 11 is reserved and an error.
#include "jumbe/pdu/decode.hpp"

#include "wire.hpp"

namespace jumbe::pdu {

Result<Message> decode(ByteView pdu, bool has_smsc) {
  wire::Reader r(pdu);
  if (has_smsc) {
    auto smsc = wire::read_smsc(r);
    if (!smsc) return smsc.error();
  }
  const std::size_t first_pos = r.pos();
  auto first = r.u8("the first octet (TP-MTI)");
  if (!first) return first.error();
  switch (*first & 0x03) {
    case 0x00: {
      auto m = decode_deliver(pdu, has_smsc);
      if (!m) return m.error();
      return Message{std::move(*m)};
    }
    case 0x01: {
      auto m = decode_submit(pdu, has_smsc);
      if (!m) return m.error();
      return Message{std::move(*m)};
    }
    case 0x02: {
      auto m = decode_status_report(pdu, has_smsc);
      if (!m) return m.error();
      return Message{std::move(*m)};
    }
    default:
      return make_error(ErrorCode::bad_message_type, first_pos, "TP-MTI 3 is reserved");
  }
}

Result<Message> decode_hex(std::string_view hex, bool has_smsc) {
  auto bytes = from_hex(hex);
  if (!bytes) return bytes.error();
  return decode(*bytes, has_smsc);
}

}  // namespace jumbe::pdu
