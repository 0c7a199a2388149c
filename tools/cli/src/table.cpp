// Table rendering (see table.hpp). Widths follow the spirit of Markus Kuhn's wcwidth(): zero for
// combining marks, variation selectors and joiners; two for East Asian wide/fullwidth ranges and
// the emoji blocks, which is what terminals do for the texts Kenyan users send (mostly Latin, a
// few emoji).
#include "jumbe/cli/table.hpp"

#include <algorithm>
#include <cstdint>

namespace jumbe::cli {
namespace {

struct Decoded {
  char32_t cp;
  std::size_t len;  // bytes consumed; an invalid byte decodes as U+FFFD of length 1
};

Decoded decode(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = b0 >= 0xF0 && b0 < 0xF5 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, len};
}

int cp_width(char32_t c) {
  if (c == 0) return 0;
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0x2060 ||
      (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
      (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xE0100 && c <= 0xE01EF))
    return 0;
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
      (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x1FA70 && c <= 0x1FAFF) ||
      (c >= 0x20000 && c <= 0x3FFFD))
    return 2;
  return 1;
}

void pad(std::string& out, std::size_t n) {
  out.append(n, ' ');
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode(s, i);
    w += static_cast<std::size_t>(cp_width(d.cp));
    i += d.len;
  }
  return w;
}

std::string truncate_to_width(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  if (width == 0) return {};
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode(s, i);
    const auto cw = static_cast<std::size_t>(cp_width(d.cp));
    if (w + cw > width - 1) break;  // keep one column for the ellipsis
    out.append(s.substr(i, d.len));
    w += cw;
    i += d.len;
  }
  return out + "…";
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode(s, i);
    if (d.cp == '\n') {
      out += "⏎";
    } else if (d.cp == '\r') {
      // CR LF is one line break; a lone CR is shown as one too.
      if (i + 1 >= s.size() || s[i + 1] != '\n') out += "⏎";
    } else if (d.cp == '\t') {
      out += ' ';
    } else if (d.cp < 0x20 || d.cp == 0x7F || (d.cp >= 0x80 && d.cp < 0xA0)) {
      out += '?';
    } else if (d.cp == 0xFFFD && d.len == 1) {
      out += "\xEF\xBF\xBD";  // show invalid bytes as U+FFFD, never pass them on raw
    } else {
      out.append(s.substr(i, d.len));
    }
    i += d.len;
  }
  return out;
}

std::string render_table(const Table& t, std::size_t max_width) {
  const std::size_t ncol = t.headers.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    std::vector<std::string> r(ncol);
    for (std::size_t c = 0; c < ncol && c < row.size(); ++c)
      r[c] = terminal_safe(row[c]);
    cells.push_back(std::move(r));
  }
  std::vector<std::size_t> width(ncol, 0);
  for (std::size_t c = 0; c < ncol; ++c)
    width[c] = display_width(t.headers[c]);
  for (const auto& r : cells)
    for (std::size_t c = 0; c < ncol; ++c)
      width[c] = std::max(width[c], display_width(r[c]));

  if (max_width > 0 && t.flex >= 0 && static_cast<std::size_t>(t.flex) < ncol) {
    std::size_t total = ncol > 0 ? 2 * (ncol - 1) : 0;
    for (auto w : width)
      total += w;
    const auto f = static_cast<std::size_t>(t.flex);
    if (total > max_width) {
      // Never shrink the flex column below its header or 10 columns: better to wrap than to
      // show nothing of a message.
      const std::size_t floor = std::max<std::size_t>(display_width(t.headers[f]), 10);
      const std::size_t excess = total - max_width;
      width[f] = width[f] > floor + excess ? width[f] - excess : std::min(width[f], floor);
      for (auto& r : cells)
        r[f] = truncate_to_width(r[f], width[f]);
    }
  }

  auto is_right = [&](std::size_t c) {
    return std::find(t.right_aligned.begin(), t.right_aligned.end(), c) != t.right_aligned.end();
  };
  std::string out;
  auto emit = [&](const std::vector<std::string>& r) {
    std::string line;
    for (std::size_t c = 0; c < ncol; ++c) {
      const std::size_t w = display_width(r[c]);
      const std::size_t gap = width[c] > w ? width[c] - w : 0;
      if (c > 0) line += "  ";
      if (is_right(c)) pad(line, gap);
      line += r[c];
      if (!is_right(c)) pad(line, gap);
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line;
    out += '\n';
  };
  emit(t.headers);
  for (const auto& r : cells)
    emit(r);
  return out;
}

std::string render_fields(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::size_t w = 0;
  for (const auto& [k, v] : fields)
    w = std::max(w, display_width(k) + 1);
  std::string out;
  for (const auto& [k, v] : fields) {
    out += k;
    out += ':';
    pad(out, w - display_width(k) - 1 + 2);
    out += v.empty() ? "-" : terminal_safe(v);
    out += '\n';
  }
  return out;
}

}  // namespace jumbe::cli
