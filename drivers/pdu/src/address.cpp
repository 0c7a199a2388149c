// Addresses (3GPP TS 23.040 9.1.2.5) and the SMSC field (TS 24.011 8.2.5.2, as TS 27.005 3.1
// prefixes it to PDUs): BCD semi-octets swapped per octet, 0xF filler, and alphanumeric addresses
// as packed GSM 7-bit whose length counts semi-octets. Contract: read_* never reads past the PDU.
#include "wire.hpp"

namespace jumbe::pdu {
namespace {

// TS 23.040 9.1.2.3: semi-octet values 0xA..0xE are '*', '#', 'a', 'b', 'c'.
constexpr char bcd_chars[] = "0123456789*#abc";

int bcd_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  switch (c) {
    case '*':
      return 0xA;
    case '#':
      return 0xB;
    case 'a':
    case 'A':
      return 0xC;
    case 'b':
    case 'B':
      return 0xD;
    case 'c':
    case 'C':
      return 0xE;
    default:
      return -1;
  }
}

std::string read_bcd(ByteView bytes, std::size_t digits) {
  std::string out;
  out.reserve(digits);
  for (std::size_t i = 0; i < digits; ++i) {
    const std::uint8_t b = bytes[i / 2];
    const unsigned nib = (i % 2 == 0) ? (b & 0x0F) : (b >> 4);
    if (nib == 0x0F) break;  // filler
    out.push_back(bcd_chars[nib]);
  }
  return out;
}

void write_bcd(Bytes& out, std::string_view digits) {
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const int lo = bcd_value(digits[i]);
    const int hi = (i + 1 < digits.size()) ? bcd_value(digits[i + 1]) : 0x0F;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
}

bool is_international(std::uint8_t toa) noexcept {
  return (toa & 0x70) == 0x10;
}
bool is_alphanumeric(std::uint8_t toa) noexcept {
  return (toa & 0x70) == 0x50;
}

// The digits an Address holds on the wire (without the display '+').
std::string_view wire_digits(const Address& a) {
  std::string_view v = a.value;
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  return v;
}

}  // namespace

Result<Address> make_address(std::string_view number, bool allow_alphanumeric,
                             std::optional<std::uint8_t> toa) {
  if (number.empty()) return make_error(ErrorCode::bad_number, 0, "number: empty");
  const bool plus = number.front() == '+';
  std::string_view digits = plus ? number.substr(1) : number;
  bool numeric = !digits.empty();
  for (char c : digits) {
    if (bcd_value(c) < 0 || (plus && (c < '0' || c > '9'))) numeric = false;
  }
  const bool alnum_toa = toa && is_alphanumeric(*toa);
  if (numeric && !alnum_toa) {
    if (digits.size() > 20) {
      return make_error(
          ErrorCode::bad_number, 0,
          "number: " + std::to_string(digits.size()) + " digits, an address holds at most 20");
    }
    Address a;
    a.toa = toa ? *toa : (plus ? toa_international : toa_unknown);
    a.value = is_international(a.toa) ? "+" + std::string(digits) : std::string(digits);
    return a;
  }
  if (!allow_alphanumeric) {
    for (std::size_t i = 0; i < number.size(); ++i) {
      const char c = number[i];
      if (!(i == 0 && c == '+') && bcd_value(c) < 0) {
        return make_error(ErrorCode::bad_number, i,
                          "number: character '" + std::string(1, c) +
                              "' is not a digit, '*' or '#' in \"" + std::string(number) + "\"");
      }
    }
    return make_error(ErrorCode::bad_number, 0, "number: \"+\" must be followed by digits");
  }
  auto cps = utf8_to_code_points(number);
  if (!cps) return cps.error();
  auto septets = to_gsm7(*cps);
  if (!septets) {
    return make_error(ErrorCode::not_encodable, 0,
                      "sender: alphanumeric address \"" + std::string(number) +
                          "\" has characters outside GSM 7-bit");
  }
  if (septets->size() > 11) {
    return make_error(ErrorCode::bad_number, 0,
                      "sender: alphanumeric address \"" + std::string(number) +
                          "\" is longer than 11 GSM 7-bit characters");
  }
  Address a;
  a.toa = toa ? *toa : toa_alphanumeric;
  a.value = std::string(number);
  return a;
}

namespace wire {

Result<Address> read_address(Reader& r, const char* field) {
  const std::size_t start = r.pos();
  auto len = r.u8(field);
  if (!len) return len.error();
  auto toa = r.u8(field);
  if (!toa) return toa.error();
  if (*len > 20 && !is_alphanumeric(*toa)) {
    return make_error(ErrorCode::bad_address, start,
                      std::string(field) + ": length " + std::to_string(*len) +
                          " digits exceeds the maximum of 20");
  }
  auto body = r.take((*len + 1u) / 2u, field, ErrorCode::length_exceeds_data);
  if (!body) return body.error();
  Address a;
  a.toa = *toa;
  if (is_alphanumeric(*toa)) {
    // Length counts semi-octets of packed septets: *len * 4 bits hold *len * 4 / 7 characters.
    const auto septets = unpack_septets(*body, static_cast<std::size_t>(*len) * 4 / 7);
    a.value = gsm7_to_utf8(septets);
    return a;
  }
  a.value = read_bcd(*body, *len);
  if (is_international(*toa)) a.value.insert(0, 1, '+');
  return a;
}

void write_address(Bytes& out, const Address& a) {
  if (is_alphanumeric(a.toa)) {
    std::vector<std::uint8_t> septets;
    if (auto cps = utf8_to_code_points(a.value)) {
      septets = to_gsm7(*cps).value_or(std::vector<std::uint8_t>{});
    }
    const Bytes packed = pack_septets(septets);
    out.push_back(static_cast<std::uint8_t>((septets.size() * 7 + 3) / 4));
    out.push_back(a.toa);
    out.insert(out.end(), packed.begin(), packed.end());
    return;
  }
  const std::string_view digits = wire_digits(a);
  out.push_back(static_cast<std::uint8_t>(digits.size()));
  out.push_back(a.toa);
  write_bcd(out, digits);
}

Result<std::optional<Address>> read_smsc(Reader& r) {
  const std::size_t start = r.pos();
  auto len = r.u8("SMSC length");
  if (!len) return len.error();
  if (*len == 0) return std::optional<Address>{};
  if (*len > 11) {
    return make_error(ErrorCode::bad_address, start,
                      "SMSC: length " + std::to_string(*len) +
                          " octets exceeds the maximum of 11 (is the PDU without an SMSC "
                          "field? try --no-smsc)");
  }
  auto body = r.take(*len, "SMSC address", ErrorCode::length_exceeds_data);
  if (!body) return body.error();
  Address a;
  a.toa = (*body)[0];
  a.value = read_bcd(body->subspan(1), (*len - 1u) * 2u);
  if (is_international(a.toa)) a.value.insert(0, 1, '+');
  return std::optional<Address>{std::move(a)};
}

void write_smsc(Bytes& out, const std::optional<Address>& smsc) {
  if (!smsc) {
    out.push_back(0);
    return;
  }
  const std::string_view digits = wire_digits(*smsc);
  out.push_back(static_cast<std::uint8_t>(1 + (digits.size() + 1) / 2));
  out.push_back(smsc->toa);
  write_bcd(out, digits);
}

Result<std::optional<Address>> smsc_for_encode(const std::optional<std::string>& smsc) {
  if (!smsc || smsc->empty()) return std::optional<Address>{};
  auto a = make_address(*smsc);
  if (!a) {
    Error e = a.error();
    e.message = "smsc: " + e.message;
    return e;
  }
  return std::optional<Address>{std::move(*a)};
}

}  // namespace wire
}  // namespace jumbe::pdu
