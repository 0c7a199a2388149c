// Modem identity and relocation after a replug: see identity.hpp.
#include "jumbe/serial/identity.hpp"

namespace jumbe::serial {

std::string ModemIdentity::label() const {
  if (!imei.empty()) return "imei:" + imei;
  if (!usb_key.empty()) return "usb:" + usb_key;
  return "unknown";
}

std::vector<std::string> relocate(
    const ModemIdentity& identity, const std::vector<PortInfo>& ports,
    const std::function<std::optional<std::string>(const std::string& device)>& read_imei) {
  std::vector<std::string> out;
  if (!identity.usb_key.empty()) {
    for (const auto& p : ports_of_device(ports, identity.usb_key))
      out.push_back(p.device);
    if (!out.empty()) return out;
  }
  if (identity.imei.empty() || !read_imei) return out;
  // Moved to another socket: find one port with the IMEI, then take its siblings too.
  for (const auto& p : ports) {
    const auto imei = read_imei(p.device);
    if (!imei || *imei != identity.imei) continue;
    const auto key = p.device_key();
    if (key.empty()) return {p.device};
    for (const auto& s : ports_of_device(ports, key))
      out.push_back(s.device);
    return out;
  }
  return out;
}

}  // namespace jumbe::serial
