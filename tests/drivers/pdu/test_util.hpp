// Helpers shared by the pdu tests: hex in, decoded message out, failing the test with the
// codec's own error line when decoding fails.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "jumbe/pdu/pdu.hpp"

namespace jumbe::pdu::test {

inline Bytes bytes_of(std::string_view hex) {
  auto b = from_hex(hex);
  EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().describe());
  return b.ok() ? *b : Bytes{};
}

template <class T>
T must(Result<T> r) {
  if (!r.ok()) {
    ADD_FAILURE() << r.error().describe();
    return T{};
  }
  return std::move(r).value();
}

inline std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i)
    out += s;
  return out;
}

}  // namespace jumbe::pdu::test
