// `jumbed --config FILE --check`: load, print every diagnostic, return the process exit code.
// Contract: prints one `FILE:LINE:COLUMN: message` line per problem on `err`, a one-line summary
// of a valid config on `out` ("FILE: ok: 4 modems, 3 api clients, 1 group"), and returns 0 when
// the file is valid (warnings allowed), 1 when it has errors. The daemon's main only calls this.
#pragma once

#include <iosfwd>
#include <string>

#include "jumbe/config/load.hpp"

namespace jumbe::config {

inline constexpr int kCheckOk = 0;
inline constexpr int kCheckInvalid = 1;

int run_check(const std::string& path, std::ostream& out, std::ostream& err,
              const LoadOptions& options = {});

}  // namespace jumbe::config
