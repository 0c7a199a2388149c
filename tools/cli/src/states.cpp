// Message state verdicts (see states.hpp).
#include "jumbe/cli/states.hpp"

namespace jumbe::cli {

Verdict judge(std::string_view state, WaitGoal goal) {
  if (state == "delivered") return Verdict::reached;
  if (state == "sent") return goal == WaitGoal::sent ? Verdict::reached : Verdict::pending;
  // held waits for a human (`jumbe queue release`); waiting on it would hang a script.
  if (state == "failed" || state == "expired" || state == "cancelled" || state == "held")
    return Verdict::failed;
  return Verdict::pending;
}

}  // namespace jumbe::cli
