// The framing the three TPDU types share (3GPP TS 23.040 9.2.2): on the way in, the SMSC field
// that modems print first (TS 27.005 3.1) and the first octet with its TP-MTI (9.2.3.1); on the
// way out, the text's segments with their DCS and the concatenation header of each segment
// (9.2.3.24.1 8-bit reference, 9.2.3.24.8 16-bit reference).
#include <string>

#include "wire.hpp"

namespace jumbe::pdu::wire {

Result<std::uint8_t> read_head(Reader& r, bool has_smsc, std::uint8_t mti, const char* type_name,
                               std::optional<Address>& smsc) {
  if (has_smsc) {
    auto field = read_smsc(r);
    if (!field) return field.error();
    smsc = std::move(*field);
  }
  const std::size_t first_pos = r.pos();
  auto first = r.u8("the first octet (TP-MTI)");
  if (!first) return first.error();
  if ((*first & 0x03) != mti) {
    return make_error(ErrorCode::bad_message_type, first_pos,
                      "TP-MTI " + std::to_string(*first & 0x03) + " is not " + type_name + " (" +
                          std::to_string(mti) + ")");
  }
  return *first;
}

Result<Body> plan_body(std::string_view text, std::optional<Encoding> encoding, bool ref16,
                       std::optional<int> message_class) {
  auto segs = segment(text, encoding, ref16);
  if (!segs) return segs.error();
  auto dcs = encode_dcs(segs->plan.encoding, message_class);
  if (!dcs) return dcs.error();
  return Body{std::move(*segs), *dcs};
}

Bytes concat_header(std::size_t total, std::size_t index, std::uint16_t ref, bool ref16) {
  UserDataHeader udh;
  if (total > 1) {
    udh.concat = Concat{static_cast<std::uint16_t>(ref16 ? ref : ref & 0xFF),
                        static_cast<std::uint8_t>(total), static_cast<std::uint8_t>(index + 1),
                        static_cast<std::uint8_t>(ref16 ? 16 : 8)};
  }
  return encode_udh(udh);
}

}  // namespace jumbe::pdu::wire
