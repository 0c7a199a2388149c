// Fuzzes USSD decoding (+CUSD payloads, TS 27.007 7.15 / TS 23.038 clause 5). Input: DCS byte,
// mode byte, then the payload; the whole input is also parsed as a +CUSD line. Properties: no
// crash, decoded text is valid UTF-8, errors carry a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "jumbe/pdu/alphabet.hpp"
#include "jumbe/pdu/ussd.hpp"

namespace pdu = jumbe::pdu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const int dcs = data[0];
  const auto mode = static_cast<pdu::UssdMode>(data[1] % 3);
  const std::string_view payload(reinterpret_cast<const char*>(data + 2), size - 2);
  auto text = pdu::ussd_decode(dcs, mode, payload);
  if (text.ok()) {
    if (!pdu::utf8_to_code_points(*text).ok()) std::abort();
  } else if (text.error().message.empty()) {
    std::abort();
  }
  auto line = pdu::parse_cusd(std::string_view(reinterpret_cast<const char*>(data), size), mode);
  if (line.ok() && line->text && !pdu::utf8_to_code_points(*line->text).ok()) std::abort();
  auto enc = pdu::ussd_encode(payload, pdu::UssdMode::packed_hex);
  if (enc.ok()) {
    // What we send must decode back to what we meant, up to trailing CRs (TS 23.038
    // 6.1.2.3.1 lets a final CR arrive doubled).
    auto back = pdu::ussd_decode(15, pdu::UssdMode::packed_hex, *enc);
    if (!back.ok()) std::abort();
    std::string_view a = *back, b = payload;
    while (!a.empty() && a.back() == '\r')
      a.remove_suffix(1);
    while (!b.empty() && b.back() == '\r')
      b.remove_suffix(1);
    if (a != b) std::abort();
  }
  return 0;
}
