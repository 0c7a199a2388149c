// libFuzzer target: YAML text into jumbe::config::load_string. It must never crash, hang or
// throw; every diagnostic must carry a message and a sane position; secrets come from a fixed
// fake environment, and relative secret files resolve into a directory that does not exist.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "jumbe/config/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const jumbe::config::LoadOptions options = [] {
    jumbe::config::LoadOptions o;
    o.base_dir = "/nonexistent-jumbe-fuzz";
    o.getenv = [](const std::string& name) -> std::optional<std::string> {
      if (name == "PIN") return "1234";
      if (name == "TOKEN") return "0123456789abcdef0123";
      return std::nullopt;
    };
    return o;
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto result = jumbe::config::load_string(text, "fuzz.yaml", options);
  if (!result) {
    if (result.error().empty()) std::abort();  // a failure must say why
    for (const auto& d : result.error()) {
      if (d.message.empty() || d.line < 0 || d.column < 0) std::abort();
      (void)d.to_string();
    }
  } else {
    if (result->modems.empty()) std::abort();  // modems is required
    for (const auto& m : result->modems) {
      const int ways = !m.imei.empty() + !m.usb_path.empty() + !m.device.empty();
      if (ways != 1) std::abort();
    }
  }
  return 0;
}
