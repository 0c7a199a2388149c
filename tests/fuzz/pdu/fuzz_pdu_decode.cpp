// Fuzzes PDU decoding (TS 23.040 TPDUs as modems print them). Input: one flag byte (bit 0: the
// PDU has an SMSC field; bit 1: the rest is hex text rather than raw octets) then the PDU.
// Properties: never crashes or reads out of bounds (ASan/UBSan), an error's position lies
// within the input, decoded DELIVERs go through reassembly, and the text is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "jumbe/pdu/pdu.hpp"

namespace pdu = jumbe::pdu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const bool has_smsc = (data[0] & 0x01) != 0;
  const bool as_hex = (data[0] & 0x02) != 0;
  const pdu::ByteView body(data + 1, size - 1);
  pdu::Result<pdu::Message> r =
      as_hex
          ? pdu::decode_hex(
                std::string_view(reinterpret_cast<const char*>(body.data()), body.size()), has_smsc)
          : pdu::decode(body, has_smsc);
  if (!r.ok()) {
    if (r.error().position > body.size()) std::abort();
    if (r.error().message.empty()) std::abort();
    return 0;
  }
  if (const auto* d = std::get_if<pdu::Deliver>(&*r)) {
    if (!pdu::utf8_to_code_points(d->text).ok()) std::abort();
    const pdu::Deliver parts[] = {*d, *d};
    const auto msgs = pdu::reassemble(parts);
    // A part and its duplicate make one message; two copies of a single SMS stay two.
    if (msgs.size() != (d->udh.concat ? 1u : 2u)) std::abort();
    (void)d->timestamp.iso8601();
  } else if (const auto* s = std::get_if<pdu::StatusReport>(&*r)) {
    (void)pdu::status_meaning(s->status);
    (void)s->discharge_time.iso8601();
  }
  return 0;
}
