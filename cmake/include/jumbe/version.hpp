// The version every jumbe binary prints for --version: `git describe` of the commit it was
// built from (e.g. "0.1.0+g1a2b3c4"), baked in at build time by cmake/GenerateVersion.cmake.
#pragma once

#include <string_view>

namespace jumbe {
std::string_view version() noexcept;
}  // namespace jumbe
