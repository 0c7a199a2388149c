// Serial-layer errors as values. Contract: `message` is one line naming the device and, where we
// know it, the fix (e.g. which process holds the port and how to stop it).
#pragma once

#include <string>

namespace jumbe::serial {

struct SerialError {
  enum class Kind { not_found, permission, busy, not_a_tty, io, no_answer } kind = Kind::io;
  std::string message;
};

}  // namespace jumbe::serial
