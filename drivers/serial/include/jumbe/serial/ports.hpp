// Serial port discovery: every port libserialport sees, with its USB identity and its stable
// udev names (/dev/serial/by-path, /dev/serial/by-id). Contract: list_ports() reads the system
// and never throws; the by-path helpers are pure. A modem exposes several interfaces (ttyUSB0..3)
// that share one by-path device key; that key survives a replug into the same socket even when
// the kernel renames ttyUSB2 to ttyUSB5.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/serial/error.hpp"

namespace jumbe::serial {

struct UsbIdentity {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;
  std::string manufacturer;
  std::string product;
  std::string serial;
  int bus = -1;
  int address = -1;
  std::string vid_pid() const;  // "12d1:1506"
};

struct PortInfo {
  std::string device;  // "/dev/ttyUSB2"
  std::string description;
  std::optional<UsbIdentity> usb;
  std::string by_path;  // "/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.2-port0" or ""
  std::string by_id;    // "/dev/serial/by-id/usb-HUAWEI_HUAWEI_Mobile-if02-port0" or ""
  // "pci-0000:00:14.0-usb-0:2": the USB socket the modem sits in (see usb_device_key).
  std::string device_key() const;
};

tl::expected<std::vector<PortInfo>, SerialError> list_ports();

// Symlinks in `dir` by the canonical device they point to ("/dev/ttyUSB2" -> link path).
std::map<std::string, std::string> scan_links(const std::string& dir);

// From a by-path name ("...-usb-0:2.3:1.2-port0"): the device part ("...-usb-0:2.3") shared by
// all interfaces of one modem, and the interface ("1.2"). nullopt for a name without them.
std::optional<std::string> usb_device_key(std::string_view by_path_name);
std::optional<std::string> usb_interface(std::string_view by_path_name);

// The ports of one physical modem, found again by its device key after a replug.
std::vector<PortInfo> ports_of_device(const std::vector<PortInfo>& ports, std::string_view key);

}  // namespace jumbe::serial
