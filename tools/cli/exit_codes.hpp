// Exit codes of the `jumbe` CLI, a contract with scripts (docs/architecture.md, "jumbe (CLI)").
#pragma once

namespace jumbe::cli {
inline constexpr int exit_ok = 0;           // the request succeeded
inline constexpr int exit_failed = 1;       // the request failed; stderr says why
inline constexpr int exit_usage = 2;        // bad arguments; stderr shows the usage
inline constexpr int exit_unreachable = 3;  // the daemon's socket could not be reached
}  // namespace jumbe::cli
