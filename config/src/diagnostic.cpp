// Formatting and ordering of configuration diagnostics (see diagnostic.hpp).
#include "jumbe/config/diagnostic.hpp"

#include <algorithm>

namespace jumbe::config {

std::string Diagnostic::to_string() const {
  std::string s = file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  s += ": ";
  if (severity == Severity::warning) s += "warning: ";
  s += message;
  return s;
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.line != b.line) return a.line < b.line;
                     return a.column < b.column;
                   });
}

}  // namespace jumbe::config
