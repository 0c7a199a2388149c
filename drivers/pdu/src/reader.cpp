// The bounds-checked PDU reader (wire.hpp): the only place that indexes into received bytes by
// offset, so "never read out of bounds" is checked here once.
#include "wire.hpp"

namespace jumbe::pdu::wire {

Result<std::uint8_t> Reader::u8(const char* field) {
  if (pos_ >= data_.size()) {
    return make_error(ErrorCode::truncated, pos_,
                      std::string("truncated: PDU ends before ") + field);
  }
  return data_[pos_++];
}

Result<ByteView> Reader::take(std::size_t n, const char* field, ErrorCode code) {
  if (n > remaining()) {
    return make_error(code, pos_,
                      std::string(code == ErrorCode::truncated ? "truncated: " : "") + field +
                          " needs " + std::to_string(n) + " octets, " +
                          std::to_string(remaining()) + " left");
  }
  ByteView v = data_.subspan(pos_, n);
  pos_ += n;
  return v;
}

}  // namespace jumbe::pdu::wire
