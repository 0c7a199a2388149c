// Choosing the encoding of a text and splitting it into SMS segments exactly as phones do
// (TS 23.040 9.2.3.24.1 concatenation, TS 23.038 6.2.1.1 escape sequences): 160 / 153 septets,
// 70 / 67 UCS2 units, 140 / 134 octets (152 / 66 / 133 with 16-bit references). An escape pair and
// a surrogate pair never straddle two segments. Contract: GSM 7-bit when every character fits,
// otherwise UCS2, never a silent '?'; invalid UTF-8 is ErrorCode::bad_utf8 naming the byte offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/pdu/alphabet.hpp"
#include "jumbe/pdu/result.hpp"

namespace jumbe::pdu {

inline constexpr std::size_t max_segments = 255;

// What a sender sees before sending: the cost of a text.
struct SegmentPlan {
  Encoding encoding = Encoding::gsm7;
  std::size_t segments = 1;             // 1 for the empty text (an empty SMS is still one SMS)
  std::size_t units = 0;                // septets (escapes count 2), UTF-16 units, or octets
  std::size_t units_per_segment = 160;  // capacity of one segment in this plan
  std::size_t units_left = 160;         // room left in the last segment
  std::size_t characters = 0;           // code points in the text
};

// One segment's payload, ready for packing: septets, UTF-16 units or raw octets.
struct SegmentPayload {
  std::vector<std::uint8_t> septets;  // gsm7
  std::u16string units;               // ucs2
  Bytes octets;                       // eight_bit
  std::size_t characters = 0;         // code points carried by this segment
};

struct Segmentation {
  SegmentPlan plan;
  std::vector<SegmentPayload> segments;
};

// Plans a text. `encoding` forces one (gsm7 fails with not_encodable when a character does not
// fit; eight_bit counts the UTF-8 bytes as data). `ref16` plans 16-bit reference headers.
// Errors: bad_utf8, not_encodable; too_long only from segment(), never here.
Result<SegmentPlan> plan_segments(std::string_view utf8_text,
                                  std::optional<Encoding> encoding = std::nullopt,
                                  bool ref16 = false);

// Splits a text into segment payloads. Errors: bad_utf8, not_encodable, too_long (> 255 parts).
Result<Segmentation> segment(std::string_view utf8_text,
                             std::optional<Encoding> encoding = std::nullopt, bool ref16 = false);

}  // namespace jumbe::pdu
