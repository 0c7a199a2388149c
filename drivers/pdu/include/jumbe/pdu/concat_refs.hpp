// Concatenation reference numbers that roll per destination (TS 23.040 9.2.3.24.1: the
// reference "shall remain constant for every short message which makes up a particular
// concatenated short message" and should differ between consecutive long messages), so two long
// messages in a row to one phone never mix. Pure state, no clock or randomness: seed it (e.g.
// from the store) to avoid reusing references after a restart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace jumbe::pdu {

class ConcatReferences {
 public:
  explicit ConcatReferences(std::uint16_t seed = 0, std::size_t max_destinations = 4096)
      : next_global_(seed), max_destinations_(max_destinations) {}

  // The reference for the next long message to `destination`: never equal to the previous one
  // given to that destination, 0..255 for 8-bit references, 0..65535 for 16-bit.
  std::uint16_t next(std::string_view destination, bool ref16 = false);

 private:
  std::uint16_t next_global_;
  std::size_t max_destinations_;
  std::map<std::string, std::uint16_t, std::less<>> last_;
};

}  // namespace jumbe::pdu
