// What a message state means to someone waiting on it (`jumbe send --wait`). States as the store
// names them (daemon/store types.hpp): queued -> sending -> sent -> delivered | failed | expired |
// cancelled, and held (parked for an operator: it may or may not have gone out).
// Contract: pure; an unknown state (a newer daemon) is "keep waiting", never a crash.
#pragma once

#include <string_view>

namespace jumbe::cli {

enum class WaitGoal { sent, delivered };
enum class Verdict { reached, failed, pending };

Verdict judge(std::string_view state, WaitGoal goal);

}  // namespace jumbe::cli
