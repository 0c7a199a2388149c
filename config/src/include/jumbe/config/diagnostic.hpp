// A configuration problem found while loading: where it is and what is wrong.
// Contract: line and column are 1-based (yaml-cpp's Mark is 0-based; the loader adds 1); 0 means
// "the file as a whole". to_string() gives the one-line `FILE:LINE:COLUMN: message` form that
// compilers use, so editors jump to the spot. Messages never contain secrets (PINs, tokens).
#pragma once

#include <string>
#include <vector>

namespace jumbe::config {

enum class Severity { error, warning };

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem is not at one place in the file
  int column = 0;  // 1-based; 0 when unknown
  std::string message;
  Severity severity = Severity::error;

  // "FILE:LINE:COLUMN: message" (or "FILE: message" without a position); warnings get a
  // "warning: " before the message.
  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Diagnostics sorted by position (line, then column), the order a reader fixes them in.
void sort_by_position(std::vector<Diagnostic>& diagnostics);

}  // namespace jumbe::config
