// Kannel escape-code expansion (escapes.hpp), following gw/urltrans.c urltrans_fill_escape_codes.
#include "jumbe/kannel/escapes.hpp"

#include <cstdio>
#include <ctime>
#include <vector>

#include "jumbe/kannel/form.hpp"

namespace jumbe::kannel {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// gwlib octstr_split_words(): runs of non-space characters.
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i]))
      ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i]))
      ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// %q / %Q: a number written with the "00" international prefix gets "+" (encoded) instead.
std::string plus_for_00(std::string_view number) {
  if (number.substr(0, 2) == "00") return "%2B" + url_encode(number.substr(2));
  return url_encode(number);
}

std::string hex_upper(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

}  // namespace

std::string kannel_time(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[80];  // wide enough for any int fields, so -Wformat-truncation has nothing to say
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d+%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string expand_escapes(std::string_view pattern, const EscapeContext& ctx) {
  const auto words = split_words(ctx.text);
  std::size_t nextarg = 1;  // %s and %S consume words after the keyword, in order
  std::string out;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const char c = pattern[pos];
    // A '%' as the last character is literal (the loop in urltrans.c needs pos + 1 < len).
    if (c != '%' || pos + 1 >= pattern.size()) {
      out += c;
      ++pos;
      continue;
    }
    const char code = pattern[pos + 1];
    switch (code) {
      case 'a':
        for (std::size_t j = 0; j < words.size(); ++j) {
          if (j > 0) out += '+';
          out += url_encode(words[j]);
        }
        break;
      case 'A':
      case 'b':
        out += url_encode(ctx.text);
        break;
      case 'B':
        out += url_encode(ctx.binfo);
        break;
      case 'c':
        out += std::to_string(ctx.coding);
        break;
      case 'C':
        if (!ctx.charset.empty())
          out += ctx.charset;
        else
          out += ctx.coding == 1 ? "8-BIT" : ctx.coding == 2 ? "UTF-16BE" : "UTF-8";
        break;
      case 'd':
        if (ctx.dlr) out += url_encode(std::to_string(*ctx.dlr));
        break;
      case 'D':
        out += url_encode(ctx.meta_data);
        break;
      case 'e':
        out += hex_upper(ctx.text);
        break;
      case 'f':
        out += url_encode(ctx.smsc_number);
        break;
      case 'F':
        out += url_encode(ctx.foreign_id);
        break;
      case 'i':
        out += url_encode(ctx.smsc_id);
        break;
      case 'I':
        out += url_encode(ctx.id);
        break;
      case 'k':
        if (!words.empty()) out += url_encode(words[0]);
        break;
      case 'm':
        out += url_encode(std::to_string(ctx.mclass));
        break;
      case 'M':
        out += url_encode(std::to_string(ctx.mwi));
        break;
      case 'n':
        out += url_encode(ctx.service);
        break;
      case 'o':
        out += url_encode(ctx.account);
        break;
      case 'O': {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02d", ctx.dcs);
        out += buf;
        break;
      }
      case 'p':
        out += url_encode(ctx.sender);
        break;
      case 'P':
        out += url_encode(ctx.receiver);
        break;
      case 'q':
        out += plus_for_00(ctx.sender);
        break;
      case 'Q':
        out += plus_for_00(ctx.receiver);
        break;
      case 'r':
        for (std::size_t j = nextarg; j < words.size(); ++j) {
          if (j != nextarg) out += '+';
          out += url_encode(words[j]);
        }
        break;
      case 'R':
        out += url_encode(ctx.dlr_url);
        break;
      case 's':
        if (nextarg < words.size()) out += url_encode(words[nextarg++]);
        break;
      case 'S':
        if (nextarg < words.size()) {
          std::string word(words[nextarg++]);
          for (auto& ch : word)
            if (ch == '*') ch = '~';
          // Kannel appends this word raw; jumbe encodes it so SMS text cannot inject parameters.
          out += url_encode(word);
        }
        break;
      case 't':
        out += kannel_time(ctx.time_s);
        break;
      case 'T':
        if (ctx.time_s != 0) out += std::to_string(ctx.time_s);
        break;
      case 'u':
        out += url_encode(ctx.udh);
        break;
      case 'v':
        if (ctx.validity_min) out += std::to_string(*ctx.validity_min);
        break;
      case 'V':
        if (ctx.deferred_min) out += std::to_string(*ctx.deferred_min);
        break;
      case 'x':
      case 'X':
        break;  // Kannel 1.5's smsbox-id / boxc codes: jumbe has no boxes
      case '#': {
        // %#group#param#: a meta-data value. jumbe keeps no SMPP meta-data, so it expands to
        // nothing; the pattern is consumed as Kannel consumes it.
        const auto first = pattern.find('#', pos + 2);
        if (first != std::string_view::npos) {
          const auto second = pattern.find('#', first + 1);
          pos = (second != std::string_view::npos ? second : first) + 1;
          continue;
        }
        break;
      }
      case '%':
        out += '%';
        break;
      default:
        out += '%';
        out += code;
        break;
    }
    pos += 2;
  }
  return out;
}

}  // namespace jumbe::kannel
