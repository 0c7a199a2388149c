// Form and URL coding as Kannel's gwlib does it (see form.hpp for the rules and their source).
#include "jumbe/kannel/form.hpp"

#include <array>

namespace jumbe::kannel {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// gwlib/octstr.c urlcode_init(): RFC 2396 unreserved characters; space is handled apart ('+').
constexpr std::array<bool, 256> kSafe = [] {
  std::array<bool, 256> safe{};
  constexpr std::string_view chars =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.!~*'()";
  for (char c : chars)
    safe[static_cast<unsigned char>(c)] = true;
  return safe;
}();

}  // namespace

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      // A '%' without two hex digits after it is kept as it is (octstr_url_decode warns and
      // copies the bytes through).
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ') {
      out += '+';
    } else if (kSafe[c]) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

Form parse_form(std::string_view text) {
  Form form;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      form.emplace_back(url_decode(pair), std::string{});
    } else {
      form.emplace_back(url_decode(pair.substr(0, eq)), url_decode(pair.substr(eq + 1)));
    }
  }
  return form;
}

std::optional<std::string_view> form_value(const Form& form, std::string_view name) {
  for (const auto& [key, value] : form)
    if (key == name) return std::string_view(value);
  return std::nullopt;
}

}  // namespace jumbe::kannel
