// TP-UDL and TP-UD (3GPP TS 23.040 9.2.3.16 and 9.2.3.24): UDL counts septets for GSM 7-bit and
// octets otherwise; with a header (TP-UDHI), GSM 7-bit text starts at the next septet boundary
// after the header, i.e. after (7 - (UDHL+1)*8 % 7) % 7 fill bits. Decoding checks every length
// against the data actually present.
#include "wire.hpp"

namespace jumbe::pdu::wire {
namespace {

unsigned fill_bits_after(std::size_t header_octets) noexcept {
  return static_cast<unsigned>((7 - (header_octets * 8) % 7) % 7);
}

}  // namespace

Result<UserData> read_user_data(Reader& r, bool udhi, const DataCoding& dcs) {
  const std::size_t udl_pos = r.pos();
  auto udl = r.u8("TP-UDL");
  if (!udl) return udl.error();
  const bool septets = dcs.encoding == Encoding::gsm7 && !dcs.compressed;
  const std::size_t octets = septets ? (static_cast<std::size_t>(*udl) * 7 + 7) / 8 : *udl;
  if (octets > r.remaining()) {
    return make_error(ErrorCode::length_exceeds_data, udl_pos,
                      "TP-UDL " + std::to_string(*udl) + (septets ? " septets" : " octets") +
                          " needs " + std::to_string(octets) + " octets of user data, " +
                          std::to_string(r.remaining()) + " present");
  }
  const std::size_t ud_pos = r.pos();
  auto ud = r.take(octets, "TP-UD");
  if (!ud) return ud.error();

  UserData out;
  std::size_t header_octets = 0;
  if (udhi) {
    if (ud->empty()) {
      return make_error(ErrorCode::bad_udh, ud_pos, "UDH: TP-UDHI set but the user data is empty");
    }
    const std::size_t udhl = (*ud)[0];
    header_octets = udhl + 1;
    if (header_octets > ud->size()) {
      return make_error(ErrorCode::bad_udh, ud_pos,
                        "UDH: length " + std::to_string(udhl) + " exceeds the user data (" +
                            std::to_string(ud->size()) + " octets)");
    }
    auto udh = parse_udh(ud->subspan(1, udhl), ud_pos + 1);
    if (!udh) return udh.error();
    out.udh = std::move(*udh);
    out.has_udh = true;
  }

  if (septets) {
    const std::size_t header_septets = (header_octets * 8 + 6) / 7;
    if (header_septets > *udl) {
      return make_error(ErrorCode::bad_udh, ud_pos,
                        "UDH: length " + std::to_string(header_octets - 1) + " exceeds TP-UDL " +
                            std::to_string(*udl) + " septets");
    }
    const std::size_t count = *udl - header_septets;
    out.data = unpack_septets(ud->subspan(header_octets), count, fill_bits_after(header_octets));
    out.text = gsm7_to_utf8(out.data);
    return out;
  }
  const ByteView body = ud->subspan(header_octets);
  out.data.assign(body.begin(), body.end());
  if (dcs.compressed) return out;  // TS 23.042 compression: flagged, bytes kept, no text
  if (dcs.encoding == Encoding::ucs2) out.text = utf16be_to_utf8(body);
  return out;
}

void write_user_data(Bytes& out, Encoding encoding, const SegmentPayload& payload, ByteView udh) {
  if (encoding == Encoding::gsm7) {
    const std::size_t header_septets = (udh.size() * 8 + 6) / 7;
    out.push_back(static_cast<std::uint8_t>(header_septets + payload.septets.size()));
    out.insert(out.end(), udh.begin(), udh.end());
    // Pack in place (TS 23.038 6.1.2.1.1), after the header's fill bits: septets go into a
    // bit accumulator, whole octets come out (the encoder's hot loop, see tests/bench/pdu).
    const unsigned fill = fill_bits_after(udh.size());
    const std::size_t start = out.size();
    out.resize(start + (fill + 7 * payload.septets.size() + 7) / 8);
    std::uint8_t* dst = out.data() + start;
    std::uint64_t acc = 0;
    unsigned bits = fill;
    const std::uint8_t* src = payload.septets.data();
    std::size_t n = payload.septets.size();
    for (; n >= 8; n -= 8, src += 8) {
      // Eight septets are seven octets: gather 56 bits, store seven octets.
      std::uint64_t g = 0;
      for (unsigned j = 0; j < 8; ++j)
        g |= static_cast<std::uint64_t>(src[j] & 0x7F) << (7 * j);
      acc |= g << bits;
      for (unsigned j = 0; j < 7; ++j)
        dst[j] = static_cast<std::uint8_t>(acc >> (8 * j));
      dst += 7;
      acc = bits ? (g >> (56 - bits)) : 0;
    }
    for (; n > 0; --n, ++src) {
      acc |= static_cast<std::uint64_t>(*src & 0x7F) << bits;
      bits += 7;
      if (bits >= 8) {
        *dst++ = static_cast<std::uint8_t>(acc);
        acc >>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) *dst = static_cast<std::uint8_t>(acc);
    return;
  }
  if (encoding == Encoding::ucs2) {
    out.push_back(static_cast<std::uint8_t>(udh.size() + payload.units.size() * 2));
    out.insert(out.end(), udh.begin(), udh.end());
    for (char16_t u : payload.units) {
      out.push_back(static_cast<std::uint8_t>(u >> 8));
      out.push_back(static_cast<std::uint8_t>(u & 0xFF));
    }
    return;
  }
  out.push_back(static_cast<std::uint8_t>(udh.size() + payload.octets.size()));
  out.insert(out.end(), udh.begin(), udh.end());
  out.insert(out.end(), payload.octets.begin(), payload.octets.end());
}

}  // namespace jumbe::pdu::wire
