// A modem's stable identity across replugs: its IMEI (TS 23.003 6.2.1; follows the hardware to
// any socket) and its USB device key (from /dev/serial/by-path; follows the socket). Contract:
// relocate() is pure apart from the caller's IMEI reader; it prefers the USB key (no probing
// needed) and falls back to asking each candidate device for its IMEI.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "jumbe/serial/ports.hpp"

namespace jumbe::serial {

struct ModemIdentity {
  std::string imei;     // "" until read
  std::string usb_key;  // "pci-0000:00:14.0-usb-0:2" or "" (not USB / no udev links)
  // "imei:867530021234567" or "usb:pci-0000:00:14.0-usb-0:2": the name logs and the API use.
  std::string label() const;
};

// Devices (e.g. "/dev/ttyUSB5") of the modem after a rescan: all ports sharing the USB key, else
// those whose IMEI (as read_imei reports it for a device) matches. Empty when not found.
std::vector<std::string> relocate(
    const ModemIdentity& identity, const std::vector<PortInfo>& ports,
    const std::function<std::optional<std::string>(const std::string& device)>& read_imei);

}  // namespace jumbe::serial
