// Trace redaction: see trace.hpp. Works on text only, so it is safe on any input: unknown shapes
// fall back to digit masking, which over-redacts rather than leaks.
#include "jumbe/at/trace.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace jumbe::at {
namespace {

bool is_hex_payload(std::string_view s) {
  // A PDU: long, even, only hex digits (a 7-digit number alone is not a PDU).
  return s.size() >= 16 && s.size() % 2 == 0 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

// Lines whose quoted strings carry message text, numbers or USSD content.
bool has_private_quotes(std::string_view line) {
  constexpr std::array<std::string_view, 10> kPrefixes{
      "+CUSD", "AT+CUSD", "+CMT", "+CMGL", "+CMGR", "+CDS", "+CLIP", "AT+CMGS", "+CMGS", "+CPBR"};
  return std::any_of(kPrefixes.begin(), kPrefixes.end(), [&](std::string_view p) {
    return line.size() >= p.size() &&
           std::equal(p.begin(), p.end(), line.begin(), [](char a, char b) {
             return std::toupper(static_cast<unsigned char>(a)) ==
                    std::toupper(static_cast<unsigned char>(b));
           });
  });
}

std::string mask_digits(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      out.push_back(s[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
      ++j;
    const std::size_t n = j - i;
    if (n >= 7) {
      out.append(n - 2, '*');
      out.append(s.substr(j - 2, 2));
    } else {
      out.append(s.substr(i, n));
    }
    i = j;
  }
  return out;
}

}  // namespace

std::string redact_line(std::string_view line, const TraceOptions& options) {
  if (!options.show_payloads && is_hex_payload(line))
    return "<pdu " + std::to_string(line.size() / 2) + " octets>";
  std::string out;
  if (!options.show_payloads && has_private_quotes(line)) {
    bool in_quotes = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '"') {
        if (!in_quotes) out.push_back(line[i]);
        continue;
      }
      if (!in_quotes) {
        in_quotes = true;
        start = i + 1;
        continue;
      }
      in_quotes = false;
      const auto inner = line.substr(start, i - start);
      // Storage names ("SM") and service codes ("*144#") are not private and help triage.
      const bool keep = inner.size() <= 3 || inner.starts_with('*') || inner.starts_with('#');
      out += '"';
      if (keep) {
        out.append(inner);
      } else {
        out += "<text " + std::to_string(inner.size()) + " chars>";
      }
      out += '"';
    }
    if (in_quotes) out += "\"<text " + std::to_string(line.size() - start) + " chars>";
  } else {
    out = std::string(line);
  }
  return options.show_numbers ? out : mask_digits(out);
}

std::string format_trace(TraceDirection direction, std::string_view bytes,
                         const TraceOptions& options) {
  std::string out = direction == TraceDirection::to_modem ? "> " : "< ";
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t j = i;
    while (j < bytes.size() && static_cast<unsigned char>(bytes[j]) >= 0x20 &&
           static_cast<unsigned char>(bytes[j]) != 0x7f)
      ++j;
    if (j > i) out += redact_line(bytes.substr(i, j - i), options);
    if (j < bytes.size()) {
      const auto c = static_cast<unsigned char>(bytes[j]);
      switch (c) {
        case '\r':
          out += "<CR>";
          break;
        case '\n':
          out += "<LF>";
          break;
        case 0x1a:
          out += "<SUB>";
          break;
        case 0x1b:
          out += "<ESC>";
          break;
        default: {
          char buf[8];
          std::snprintf(buf, sizeof buf, "<0x%02X>", c);
          out += buf;
        }
      }
      ++j;
    }
    i = j;
  }
  return out;
}

}  // namespace jumbe::at
