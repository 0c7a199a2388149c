// USSD strings (3GPP TS 27.007 7.15 +CUSD) with the CBS data coding scheme (TS 23.038 clause 5):
// 0000xxxx / 0010xxxx GSM 7-bit by language (0x0F unspecified), 0x10 GSM 7-bit with a language
// prefix, 0x11 UCS2 with a language prefix, 01xx general coding (0x44 8-bit, 0x48 UCS2),
// 1001 with header, 1111 GSM 7-bit / 8-bit; reserved values read as GSM 7-bit. Packed 7-bit
// USSD pads 7 spare bits with CR (TS 23.038 6.1.2.3.1), which decoding removes.
#include "jumbe/pdu/ussd.hpp"

#include <cctype>

#include "jumbe/pdu/alphabet.hpp"

namespace jumbe::pdu {
namespace {

enum class Lang : std::uint8_t { none, gsm7_prefix, ucs2_prefix };

struct CbsCoding {
  Encoding encoding = Encoding::gsm7;
  Lang lang = Lang::none;
};

CbsCoding cbs_coding(int dcs) {
  CbsCoding c;
  const unsigned group = static_cast<unsigned>(dcs) >> 4;
  if (dcs == 0x10) c.lang = Lang::gsm7_prefix;
  if (dcs == 0x11) {
    c.encoding = Encoding::ucs2;
    c.lang = Lang::ucs2_prefix;
  }
  if ((group >= 0x4 && group <= 0x7) || group == 0x9) {
    const unsigned alphabet = (static_cast<unsigned>(dcs) >> 2) & 0x03;
    if (alphabet == 1) c.encoding = Encoding::eight_bit;
    if (alphabet == 2) c.encoding = Encoding::ucs2;
  }
  if (group == 0xF && (dcs & 0x04)) c.encoding = Encoding::eight_bit;
  return c;
}

Result<std::string> validated(std::string_view text) {
  auto cps = utf8_to_code_points(text);
  if (!cps) {
    Error e = cps.error();
    e.message = "payload: " + e.message.substr(e.message.find(':') + 2);
    return e;
  }
  return std::string(text);
}

std::string decode_packed(ByteView bytes) {
  std::vector<std::uint8_t> septets = unpack_septets(bytes, bytes.size() * 8 / 7);
  // 6.1.2.3.1: with 7 spare bits at the end, the sender pads with CR; it is not text.
  if ((bytes.size() * 8) % 7 == 0 && !septets.empty() && septets.back() == 0x0D) {
    septets.pop_back();
  }
  return gsm7_to_utf8(septets);
}

}  // namespace

std::optional<UssdMode> parse_ussd_mode(std::string_view name) noexcept {
  if (name == "text") return UssdMode::text;
  if (name == "packed-hex") return UssdMode::packed_hex;
  if (name == "ucs2-hex") return UssdMode::ucs2_hex;
  return std::nullopt;
}

Result<std::string> ussd_decode(int dcs, UssdMode mode, std::string_view payload) {
  if (dcs < 0 || dcs > 255) {
    return make_error(ErrorCode::bad_dcs, 0, "dcs: " + std::to_string(dcs) + " is not 0..255");
  }
  if (mode == UssdMode::text) return validated(payload);
  auto bytes = from_hex(payload);
  if (!bytes) {
    Error e = bytes.error();
    e.message = "payload: " + e.message;
    return e;
  }
  if (mode == UssdMode::ucs2_hex) {
    if (bytes->size() % 2 != 0) {
      return make_error(ErrorCode::bad_hex, payload.size(),
                        "payload: UCS2 hex needs a multiple of 4 hex digits");
    }
    return utf16be_to_utf8(*bytes);
  }
  const CbsCoding c = cbs_coding(dcs);
  ByteView body(*bytes);
  if (c.lang == Lang::ucs2_prefix && body.size() >= 2) body = body.subspan(2);
  switch (c.encoding) {
    case Encoding::ucs2:
      return utf16be_to_utf8(body);
    case Encoding::eight_bit:
      return latin1_to_utf8(body);
    case Encoding::gsm7:
      break;
  }
  std::string text = decode_packed(body);
  // 0x10: "the first 3 characters are a two-character language code followed by CR".
  if (c.lang == Lang::gsm7_prefix && text.size() >= 3 && text[2] == '\r') text.erase(0, 3);
  return text;
}

Result<std::string> ussd_encode(std::string_view utf8_text, UssdMode mode) {
  auto cps = utf8_to_code_points(utf8_text);
  if (!cps) return cps.error();
  if (mode == UssdMode::text) return std::string(utf8_text);
  if (mode == UssdMode::ucs2_hex) return to_hex(utf16_to_bytes(to_utf16(*cps)));
  auto septets = to_gsm7(*cps);
  if (!septets) {
    return make_error(
        ErrorCode::not_encodable, 0,
        "text: \"" + std::string(utf8_text) + "\" has characters outside GSM 7-bit; use ucs2-hex");
  }
  // 6.1.2.3.1: 7 spare bits are padded with CR; a wanted final CR that ends on an octet
  // boundary gets a second CR (receivers treat <CR><CR> as <CR>).
  if (septets->size() % 8 == 7) {
    septets->push_back(0x0D);
  } else if (septets->size() % 8 == 0 && !septets->empty() && septets->back() == 0x0D) {
    septets->push_back(0x0D);
  }
  return to_hex(pack_septets(*septets));
}

Result<Cusd> parse_cusd(std::string_view line, UssdMode mode) {
  std::size_t i = 0;
  const auto bad = [&](std::size_t pos, const std::string& why) {
    return make_error(ErrorCode::bad_cusd, pos, "+CUSD: " + why);
  };
  while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
    ++i;
  std::string_view rest = line.substr(i);
  if (rest.substr(0, 6) != "+CUSD:") return bad(i, "line does not start with \"+CUSD:\"");
  i += 6;
  std::size_t end = line.size();
  while (end > i && std::isspace(static_cast<unsigned char>(line[end - 1])))
    --end;
  while (i < end && line[i] == ' ')
    ++i;
  if (i >= end || !std::isdigit(static_cast<unsigned char>(line[i]))) {
    return bad(i, "missing status <m>");
  }
  Cusd out;
  int m = 0;
  while (i < end && std::isdigit(static_cast<unsigned char>(line[i]))) {
    m = m * 10 + (line[i] - '0');
    if (m > 255) return bad(i, "status <m> out of range");
    ++i;
  }
  out.status = m;
  while (i < end && line[i] == ' ')
    ++i;
  if (i == end) return out;
  if (line[i] != ',') return bad(i, "expected ',' after the status");
  ++i;
  while (i < end && line[i] == ' ')
    ++i;
  std::size_t str_begin = i, str_end = i, after = i;
  if (i < end && line[i] == '"') {
    const std::size_t close = line.rfind('"', end - 1);
    if (close == std::string_view::npos || close <= i) return bad(i, "unterminated string");
    str_begin = i + 1;
    str_end = close;
    after = close + 1;
  } else {
    const std::size_t comma = line.rfind(',', end - 1);
    str_end = (comma == std::string_view::npos || comma < i) ? end : comma;
    after = str_end;
  }
  out.raw = std::string(line.substr(str_begin, str_end - str_begin));
  i = after;
  while (i < end && line[i] == ' ')
    ++i;
  if (i < end) {
    if (line[i] != ',') return bad(i, "expected ',' before <dcs>");
    ++i;
    while (i < end && line[i] == ' ')
      ++i;
    if (i == end || !std::isdigit(static_cast<unsigned char>(line[i]))) {
      return bad(i, "<dcs> is not a number");
    }
    int dcs = 0;
    while (i < end && std::isdigit(static_cast<unsigned char>(line[i]))) {
      dcs = dcs * 10 + (line[i] - '0');
      if (dcs > 255) return bad(i, "<dcs> out of range 0..255");
      ++i;
    }
    while (i < end && line[i] == ' ')
      ++i;
    if (i != end) return bad(i, "unexpected text after <dcs>");
    out.dcs = dcs;
  }
  // TS 27.007 7.15: <dcs> omitted means the default alphabet; 15 is its "unspecified" form.
  auto text = ussd_decode(out.dcs.value_or(15), mode, *out.raw);
  if (!text) {
    Error e = text.error();
    e.position += str_begin;
    return e;
  }
  out.text = std::move(*text);
  return out;
}

}  // namespace jumbe::pdu
