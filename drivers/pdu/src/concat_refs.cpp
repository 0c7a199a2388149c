// Concatenation references rolling per destination (jumbe/pdu/concat_refs.hpp). A destination
// seen for the first time starts from a global counter so that references to different phones
// spread out; the table is bounded, and forgetting it only means starting from that counter.
#include "jumbe/pdu/concat_refs.hpp"

namespace jumbe::pdu {

std::uint16_t ConcatReferences::next(std::string_view destination, bool ref16) {
  const std::uint16_t mask = ref16 ? 0xFFFF : 0x00FF;
  std::uint16_t v = 0;
  if (auto it = last_.find(destination); it != last_.end()) {
    v = static_cast<std::uint16_t>((it->second + 1) & mask);
    it->second = v;
  } else {
    v = static_cast<std::uint16_t>(next_global_ & mask);
    if (last_.size() >= max_destinations_) last_.clear();
    last_.emplace(std::string(destination), v);
  }
  ++next_global_;
  return v;
}

}  // namespace jumbe::pdu
