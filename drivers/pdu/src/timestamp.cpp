// Service centre time stamps (3GPP TS 23.040 9.2.3.11): seven octets of BCD with swapped
// semi-octets; the time zone counts quarter hours and its sign is bit 3 of the 7th octet (the
// first semi-octet). Non-BCD digits are an error; out-of-range values are kept as sent, because
// refusing a message over an SMSC's odd clock would lose it.
#include <cstdio>

#include "wire.hpp"

namespace jumbe::pdu {

std::string Timestamp::iso8601() const {
  const int offset = tz_quarters < 0 ? -tz_quarters : tz_quarters;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day, hour,
                minute, second, tz_quarters < 0 ? '-' : '+', offset / 4, (offset % 4) * 15);
  return buf;
}

namespace wire {
namespace {

std::uint8_t swapped_bcd(int v) noexcept {
  const int x = (v < 0 ? 0 : v) % 100;
  return static_cast<std::uint8_t>((x % 10) << 4 | (x / 10));
}

}  // namespace

Result<Timestamp> read_timestamp(Reader& r, const char* field) {
  const std::size_t start = r.pos();
  auto b = r.take(7, field);
  if (!b) return b.error();
  int v[6];
  for (std::size_t i = 0; i < 6; ++i) {
    const unsigned lo = (*b)[i] & 0x0F;
    const unsigned hi = (*b)[i] >> 4;
    if (lo > 9 || hi > 9) {
      return make_error(ErrorCode::bad_timestamp, start + i,
                        std::string(field) + ": octet " + std::to_string(i + 1) +
                            " is not BCD (0x" + to_hex(b->subspan(i, 1)) + ")");
    }
    v[i] = static_cast<int>(lo * 10 + hi);
  }
  const std::uint8_t tz = (*b)[6];
  const unsigned tens = tz & 0x07;
  const unsigned units = tz >> 4;
  if (units > 9) {
    return make_error(
        ErrorCode::bad_timestamp, start + 6,
        std::string(field) + ": time zone is not BCD (0x" + to_hex(b->subspan(6, 1)) + ")");
  }
  Timestamp t;
  // Two-digit years: 90..99 are the 1990s (old SIM-stored messages), the rest 2000..2089.
  t.year = v[0] >= 90 ? 1900 + v[0] : 2000 + v[0];
  t.month = v[1];
  t.day = v[2];
  t.hour = v[3];
  t.minute = v[4];
  t.second = v[5];
  const int q = static_cast<int>(tens * 10 + units);
  t.tz_quarters = (tz & 0x08) ? -q : q;
  return t;
}

void write_timestamp(Bytes& out, const Timestamp& t) {
  out.push_back(swapped_bcd(t.year));
  out.push_back(swapped_bcd(t.month));
  out.push_back(swapped_bcd(t.day));
  out.push_back(swapped_bcd(t.hour));
  out.push_back(swapped_bcd(t.minute));
  out.push_back(swapped_bcd(t.second));
  const int q = (t.tz_quarters < 0 ? -t.tz_quarters : t.tz_quarters) % 80;
  std::uint8_t tz = static_cast<std::uint8_t>((q % 10) << 4 | (q / 10));
  if (t.tz_quarters < 0) tz |= 0x08;
  out.push_back(tz);
}

}  // namespace wire
}  // namespace jumbe::pdu
