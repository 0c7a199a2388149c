// User data header (3GPP TS 23.040 9.2.3.24): concatenation with 8-bit (IEI 0x00, 9.2.3.24.1)
// and 16-bit references (IEI 0x08, 9.2.3.24.8), application ports (0x04 / 0x05, 9.2.3.24.3-4);
// other elements are kept verbatim. An element with a wrong length or an invalid concatenation
// value is kept as "other" (the spec says to ignore it), never trusted.
#include "jumbe/pdu/types.hpp"

namespace jumbe::pdu {

Result<UserDataHeader> parse_udh(ByteView header, std::size_t base) {
  UserDataHeader udh;
  std::size_t i = 0;
  while (i < header.size()) {
    if (i + 2 > header.size()) {
      return make_error(ErrorCode::bad_udh, base + i,
                        "UDH: element header runs past the UDH length");
    }
    const std::uint8_t iei = header[i];
    const std::uint8_t len = header[i + 1];
    if (i + 2 + len > header.size()) {
      return make_error(ErrorCode::bad_udh, base + i,
                        "UDH: element 0x" + to_hex(header.subspan(i, 1)) + " length " +
                            std::to_string(len) + " runs past the UDH length");
    }
    const ByteView d = header.subspan(i + 2, len);
    bool used = false;
    if (iei == 0x00 && len == 3 && d[1] != 0 && d[2] != 0 && d[2] <= d[1]) {
      udh.concat = Concat{d[0], d[1], d[2], 8};
      used = true;
    } else if (iei == 0x08 && len == 4 && d[2] != 0 && d[3] != 0 && d[3] <= d[2]) {
      udh.concat = Concat{static_cast<std::uint16_t>(d[0] << 8 | d[1]), d[2], d[3], 16};
      used = true;
    } else if (iei == 0x04 && len == 2) {
      udh.ports = Ports{d[0], d[1], 8};
      used = true;
    } else if (iei == 0x05 && len == 4) {
      udh.ports = Ports{static_cast<std::uint16_t>(d[0] << 8 | d[1]),
                        static_cast<std::uint16_t>(d[2] << 8 | d[3]), 16};
      used = true;
    }
    if (!used) udh.other.push_back(InformationElement{iei, Bytes(d.begin(), d.end())});
    i += 2 + len;
  }
  return udh;
}

Bytes encode_udh(const UserDataHeader& udh) {
  Bytes out;
  if (!udh.concat && !udh.ports && udh.other.empty()) return out;
  out.push_back(0);  // UDHL, set below
  if (const auto& c = udh.concat) {
    if (c->ref_bits == 16) {
      out.insert(out.end(), {0x08, 4, static_cast<std::uint8_t>(c->ref >> 8),
                             static_cast<std::uint8_t>(c->ref & 0xFF), c->total, c->seq});
    } else {
      out.insert(out.end(), {0x00, 3, static_cast<std::uint8_t>(c->ref & 0xFF), c->total, c->seq});
    }
  }
  if (const auto& p = udh.ports) {
    if (p->bits == 8) {
      out.insert(out.end(), {0x04, 2, static_cast<std::uint8_t>(p->destination & 0xFF),
                             static_cast<std::uint8_t>(p->source & 0xFF)});
    } else {
      out.insert(out.end(), {0x05, 4, static_cast<std::uint8_t>(p->destination >> 8),
                             static_cast<std::uint8_t>(p->destination & 0xFF),
                             static_cast<std::uint8_t>(p->source >> 8),
                             static_cast<std::uint8_t>(p->source & 0xFF)});
    }
  }
  for (const auto& e : udh.other) {
    out.push_back(e.iei);
    out.push_back(static_cast<std::uint8_t>(e.data.size()));
    out.insert(out.end(), e.data.begin(), e.data.end());
  }
  out[0] = static_cast<std::uint8_t>(out.size() - 1);
  return out;
}

}  // namespace jumbe::pdu
