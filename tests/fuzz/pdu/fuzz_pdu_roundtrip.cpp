// Fuzzes the encode side: any valid UTF-8 text, encoded as SMS-DELIVER parts (8- or 16-bit
// references), decoded and reassembled, must give back exactly the same text; the segment plan
// must match the number of PDUs. Input: one option byte, then the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "jumbe/pdu/pdu.hpp"

namespace pdu = jumbe::pdu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 4000) return 0;
  const bool ref16 = (data[0] & 0x01) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  pdu::DeliverOptions o;
  o.from = (data[0] & 0x02) ? "SAFARICOM" : "+254712345678";
  o.ref16 = ref16;
  auto pdus = pdu::encode_deliver(text, o, data[0]);
  auto plan = pdu::plan_segments(text, std::nullopt, ref16);
  if (!pdus.ok()) {
    // Only invalid UTF-8 or more than 255 parts may fail.
    const auto code = pdus.error().code;
    if (code != pdu::ErrorCode::bad_utf8 && code != pdu::ErrorCode::too_long) std::abort();
    return 0;
  }
  if (!plan.ok() || plan->segments != pdus->size()) std::abort();
  std::vector<pdu::Deliver> parts;
  for (const auto& p : *pdus) {
    if (p.tpdu_length > 164) std::abort();
    auto d = pdu::decode_hex(p.hex);
    if (!d.ok()) std::abort();
    parts.push_back(std::get<pdu::Deliver>(std::move(*d)));
  }
  const auto msgs = pdu::reassemble(parts);
  if (msgs.size() != 1 || !msgs[0].complete || !msgs[0].text || *msgs[0].text != text) {
    std::abort();
  }
  return 0;
}
