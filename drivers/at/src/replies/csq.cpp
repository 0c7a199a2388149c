// +CSQ: <rssi>,<ber> (TS 27.007 8.5). rssi 0..31 maps to -113..-51 dBm in 2 dB steps, 99 is
// "not known or not detectable"; ber 0..7 is RXQUAL (TS 45.008 8.2.4), 99 unknown.
#include "fields.hpp"
#include "jumbe/at/replies.hpp"

namespace jumbe::at {

Parsed<SignalQuality> parse_csq(std::string_view line) {
  using namespace detail;
  const auto params = after_prefix(line, "+CSQ:");
  if (!params)
    return tl::unexpected(
        ParseError{"+CSQ: expected \"+CSQ: <rssi>,<ber>\", got " + quote_for_error(line)});
  const auto f = split_fields(*params);
  const auto rssi = f.size() >= 1 ? to_int(f[0].text) : std::nullopt;
  const auto ber = f.size() >= 2 ? to_int(f[1].text) : std::nullopt;
  if (f.size() != 2 || !rssi || !ber)
    return tl::unexpected(ParseError{"+CSQ: bad fields in " + quote_for_error(line)});
  // 100..199 are the TD-SCDMA range of 27.007 8.5; nobody in our modem list uses it.
  if (!((*rssi >= 0 && *rssi <= 31) || *rssi == 99) || !((*ber >= 0 && *ber <= 7) || *ber == 99))
    return tl::unexpected(ParseError{"+CSQ: value out of range in " + quote_for_error(line)});
  SignalQuality q;
  q.rssi = *rssi;
  q.ber = *ber;
  if (*rssi != 99) q.rssi_dbm = -113 + 2 * *rssi;
  if (*ber != 99) q.ber_class = *ber;
  return q;
}

}  // namespace jumbe::at
