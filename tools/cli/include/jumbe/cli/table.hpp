// Plain-text tables and "key: value" blocks for the CLI's default (human) output.
// Contract: pure; columns are aligned by display width (UTF-8 aware: a combining mark is 0
// columns, CJK and emoji 2), numbers may be right-aligned, and one "flex" column (message text)
// is shortened with an ellipsis so a row fits max_width. Cells are made safe for a terminal:
// control characters, including ESC from an SMS someone sent us, never reach it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jumbe::cli {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> right_aligned;  // column indexes
  int flex = -1;                           // column shortened to fit max_width; -1: none
};

// Rows joined with "\n" (and a final "\n"); columns separated by two spaces, no trailing blanks.
// max_width 0 means no limit (output to a pipe or file).
std::string render_table(const Table& table, std::size_t max_width = 0);

// "Name:     value" lines with the values aligned; empty values show as "-".
std::string render_fields(const std::vector<std::pair<std::string, std::string>>& fields);

// Columns a UTF-8 string takes on a terminal (approximate wcwidth; invalid bytes count 1).
std::size_t display_width(std::string_view utf8);

// At most `width` columns, ending in "…" when shortened; never splits a UTF-8 sequence.
std::string truncate_to_width(std::string_view utf8, std::size_t width);

// One line that is safe to print: newlines become "⏎", tabs a space, other C0/C1 controls and
// DEL "?" (an SMS may carry ESC sequences that would otherwise drive the terminal).
std::string terminal_safe(std::string_view utf8);

}  // namespace jumbe::cli
