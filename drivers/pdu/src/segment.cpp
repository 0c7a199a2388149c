// Encoding choice and segmenting (3GPP TS 23.040 9.2.3.24.1 concatenation; TS 23.038 6.2.1.1
// escape sequences; 6.2.3 UCS2). Capacities: 140 octets of user data; a concatenation header
// takes 6 octets (UDHL + IEI 0x00 element) or 7 with 16-bit references, leaving 153 / 152
// septets, 67 / 66 UTF-16 units or 134 / 133 octets. Greedy fill, never splitting an escape pair
// or a surrogate pair, which is what phones do and what they reassemble without garbling.
#include "jumbe/pdu/segment.hpp"

#include <algorithm>
#include <cstdio>

#include "gsm7_tables.hpp"

namespace jumbe::pdu {
namespace {

std::size_t utf8_length(char32_t cp) noexcept {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

std::size_t single_capacity(Encoding e) noexcept {
  return e == Encoding::gsm7 ? 160 : e == Encoding::ucs2 ? 70 : 140;
}

std::size_t multi_capacity(Encoding e, bool ref16) noexcept {
  const std::size_t header_octets = ref16 ? 7 : 6;
  const std::size_t octets = 140 - header_octets;
  if (e == Encoding::gsm7) return (octets * 8) / 7;  // 153 / 152: fill bits eat the rest
  if (e == Encoding::ucs2) return octets / 2;        // 67 / 66
  return octets;                                     // 134 / 133
}

// Septets for one code point (0 when not in GSM 7-bit), inlined from the table.
std::size_t septets_of(char32_t cp) noexcept {
  const std::uint16_t v = gsm7_detail::lookup(cp);
  return v == 0 ? 0 : (v >> 8);
}

// 8-bit data: the bytes are the payload, split at octet boundaries (no characters to keep).
Result<Segmentation> run_octets(std::string_view data, bool ref16, bool build) {
  Segmentation out;
  SegmentPlan& plan = out.plan;
  plan.encoding = Encoding::eight_bit;
  plan.units = data.size();
  plan.characters = data.size();
  const std::size_t single = single_capacity(Encoding::eight_bit);
  const std::size_t cap =
      data.size() <= single ? single : multi_capacity(Encoding::eight_bit, ref16);
  plan.units_per_segment = cap;
  plan.segments = data.empty() ? 1 : (data.size() + cap - 1) / cap;
  plan.units_left = cap * plan.segments - data.size();
  if (!build) return out;
  if (plan.segments > max_segments) {
    return make_error(ErrorCode::too_long, 0,
                      "data: needs " + std::to_string(plan.segments) +
                          " segments, a concatenated SMS holds at most 255");
  }
  for (std::size_t i = 0; i < data.size() || out.segments.empty(); i += cap) {
    SegmentPayload p;
    const std::size_t n = std::min(cap, data.size() - i);
    p.octets.assign(data.begin() + static_cast<std::ptrdiff_t>(i),
                    data.begin() + static_cast<std::ptrdiff_t>(i + n));
    p.characters = n;
    out.segments.push_back(std::move(p));
  }
  return out;
}

Result<Segmentation> run(std::string_view utf8_text, std::optional<Encoding> forced, bool ref16,
                         bool build) {
  if (forced == Encoding::eight_bit) return run_octets(utf8_text, ref16, build);
  auto decoded = utf8_to_code_points(utf8_text);
  if (!decoded) return decoded.error();
  const std::u32string& cps = *decoded;

  // GSM 7-bit when every character fits, else UCS2: never a substitute character. One pass
  // converts to septets (or only counts them for a plan) and stops at the first misfit.
  Encoding enc = forced.value_or(Encoding::gsm7);
  std::size_t total = 0;
  std::vector<std::uint8_t> septets;
  if (enc == Encoding::gsm7) {
    if (build) septets.resize(cps.size() * 2);
    std::size_t k = 0;
    std::size_t offset = 0;
    for (char32_t cp : cps) {
      const std::uint16_t v = gsm7_detail::lookup(cp);
      if (v == 0) {
        if (forced) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
          return make_error(
              ErrorCode::not_encodable, offset,
              std::string("text: character ") + buf + " is not in the GSM 7-bit alphabet");
        }
        enc = Encoding::ucs2;
        break;
      }
      if (build) {
        if (v & 0x200) septets[k++] = gsm7_escape;
        septets[k++] = static_cast<std::uint8_t>(v & 0x7F);
      } else {
        k += v >> 8;
      }
      offset += utf8_length(cp);
    }
    total = k;
    septets.resize(enc == Encoding::gsm7 && build ? k : 0);
  }
  if (enc == Encoding::ucs2) {
    total = 0;
    for (char32_t cp : cps)
      total += cp >= 0x10000 ? 2 : 1;
  }

  Segmentation out;
  SegmentPlan& plan = out.plan;
  plan.encoding = enc;
  plan.units = total;
  plan.characters = cps.size();
  const std::size_t single = single_capacity(enc);
  if (total <= single) {
    plan.segments = 1;
    plan.units_per_segment = single;
    plan.units_left = single - total;
    if (build) {
      SegmentPayload p;
      p.characters = cps.size();
      if (enc == Encoding::gsm7) {
        p.septets = std::move(septets);
      } else {
        p.units = to_utf16(cps);
      }
      out.segments.push_back(std::move(p));
    }
    return out;
  }

  // Greedy fill; a character (escape pair, surrogate pair) never straddles two segments.
  const std::size_t cap = multi_capacity(enc, ref16);
  plan.units_per_segment = cap;
  std::size_t segments = 1;
  std::size_t used = 0;
  if (build) out.segments.emplace_back();
  if (enc == Encoding::gsm7) {
    if (!build) {
      // Counting only: walk the characters' septet counts.
      for (char32_t cp : cps) {
        const std::size_t u = septets_of(cp);
        if (used + u > cap) {
          ++segments;
          used = 0;
        }
        used += u;
      }
    } else {
      // Find each segment's end, then copy its septets in one go.
      std::size_t start = 0;
      std::size_t chars = 0;
      auto close = [&](std::size_t end) {
        SegmentPayload& p = out.segments.back();
        p.septets.assign(septets.begin() + static_cast<std::ptrdiff_t>(start),
                         septets.begin() + static_cast<std::ptrdiff_t>(end));
        p.characters = chars;
      };
      for (std::size_t i = 0; i < septets.size();) {
        const std::size_t u = (septets[i] == gsm7_escape && i + 1 < septets.size()) ? 2 : 1;
        if (used + u > cap) {
          close(i);
          ++segments;
          used = 0;
          start = i;
          chars = 0;
          out.segments.emplace_back();
        }
        ++chars;
        used += u;
        i += u;
      }
      close(septets.size());
    }
  } else {
    for (char32_t cp : cps) {
      const std::size_t u = cp >= 0x10000 ? 2 : 1;
      if (used + u > cap) {
        ++segments;
        used = 0;
        if (build) out.segments.emplace_back();
      }
      used += u;
      if (build) {
        SegmentPayload& p = out.segments.back();
        ++p.characters;
        if (cp >= 0x10000) {
          const char32_t v = cp - 0x10000;
          p.units.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
          p.units.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
        } else {
          p.units.push_back(static_cast<char16_t>(cp));
        }
      }
    }
  }
  plan.segments = segments;
  plan.units_left = cap - used;
  if (build && segments > max_segments) {
    return make_error(ErrorCode::too_long, 0,
                      "text: needs " + std::to_string(segments) +
                          " segments, a concatenated SMS holds at most 255");
  }
  return out;
}

}  // namespace

Result<SegmentPlan> plan_segments(std::string_view utf8_text, std::optional<Encoding> encoding,
                                  bool ref16) {
  auto r = run(utf8_text, encoding, ref16, false);
  if (!r) return r.error();
  return r->plan;
}

Result<Segmentation> segment(std::string_view utf8_text, std::optional<Encoding> encoding,
                             bool ref16) {
  return run(utf8_text, encoding, ref16, true);
}

}  // namespace jumbe::pdu
