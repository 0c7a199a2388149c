// Joining the parts of concatenated messages (TS 23.040 9.2.3.24.1) as a pure function. Parts of
// one message share sender, reference and reference size (8/16 bit); they may arrive in any
// order, duplicated, or not at all. UCS2 parts are joined before decoding, so a surrogate pair
// split by a sending phone still gives the right character.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "jumbe/pdu/sms_deliver.hpp"

namespace jumbe::pdu {

struct Reassembled {
  Address sender;
  std::uint16_t ref = 0;
  std::uint8_t ref_bits = 0;  // 0 for a single-part message (no concatenation header)
  std::uint8_t total = 1;
  bool complete = true;
  std::optional<std::string> text;    // the whole text when complete (not for 8-bit data)
  Bytes data;                         // the whole user data when complete and 8-bit
  std::vector<std::uint8_t> missing;  // part numbers not seen, ascending
  std::size_t first_index = 0;        // index in the input of the first part of this message
};

// Groups parts into messages, in order of first appearance in the input. Single-part messages
// come out as themselves. Duplicated parts count once (the first copy wins).
std::vector<Reassembled> reassemble(std::span<const Deliver> parts);

}  // namespace jumbe::pdu
