// Port discovery with libserialport (USB identity) and the udev symlink directories (stable
// names). See ports.hpp.
#include "jumbe/serial/ports.hpp"

#include <libserialport.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

namespace jumbe::serial {

namespace fs = std::filesystem;

std::string UsbIdentity::vid_pid() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04x:%04x", vid, pid);
  return buf;
}

std::string PortInfo::device_key() const {
  if (by_path.empty()) return {};
  return usb_device_key(fs::path(by_path).filename().string()).value_or(std::string());
}

std::map<std::string, std::string> scan_links(const std::string& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ec2;
    const auto target = fs::canonical(it->path(), ec2);
    if (!ec2) out.emplace(target.string(), it->path().string());
  }
  return out;
}

namespace {

// udev's path_id: "<parent>-usb-0:<port chain>:<config>.<interface>-port<n>". Strip "-portN",
// then the last ':' separates the interface from the device.
std::optional<std::pair<std::string, std::string>> split_by_path(std::string_view name) {
  if (const auto p = name.rfind("-port"); p != std::string_view::npos) name = name.substr(0, p);
  const auto usb = name.find("-usb");
  if (usb == std::string_view::npos) return std::nullopt;
  const auto colon = name.rfind(':');
  if (colon == std::string_view::npos || colon < usb) return std::nullopt;
  const auto iface = name.substr(colon + 1);
  const auto device = name.substr(0, colon);
  // The device part must still hold its own "0:<port chain>" after removing the interface.
  if (iface.empty() || device.find(':', usb) == std::string_view::npos) return std::nullopt;
  return std::pair{std::string(device), std::string(iface)};
}

std::string str(const char* s) {
  return s ? s : "";
}

}  // namespace

std::optional<std::string> usb_device_key(std::string_view by_path_name) {
  auto parts = split_by_path(by_path_name);
  if (!parts) return std::nullopt;
  return std::move(parts->first);
}

std::optional<std::string> usb_interface(std::string_view by_path_name) {
  auto parts = split_by_path(by_path_name);
  if (!parts) return std::nullopt;
  return std::move(parts->second);
}

std::vector<PortInfo> ports_of_device(const std::vector<PortInfo>& ports, std::string_view key) {
  std::vector<PortInfo> out;
  if (key.empty()) return out;
  for (const auto& p : ports)
    if (p.device_key() == key) out.push_back(p);
  return out;
}

tl::expected<std::vector<PortInfo>, SerialError> list_ports() {
  sp_port** list = nullptr;
  const sp_return rc = sp_list_ports(&list);
  if (rc != SP_OK) {
    char* msg = sp_last_error_message();
    SerialError e{SerialError::Kind::io, "cannot list serial ports (libserialport): " + str(msg)};
    sp_free_error_message(msg);
    return tl::unexpected(std::move(e));
  }
  const auto by_path = scan_links("/dev/serial/by-path");
  const auto by_id = scan_links("/dev/serial/by-id");
  std::vector<PortInfo> out;
  for (sp_port** p = list; *p; ++p) {
    PortInfo info;
    info.device = str(sp_get_port_name(*p));
    info.description = str(sp_get_port_description(*p));
    if (sp_get_port_transport(*p) == SP_TRANSPORT_USB) {
      UsbIdentity usb;
      int vid = 0, pid = 0;
      if (sp_get_port_usb_vid_pid(*p, &vid, &pid) == SP_OK) {
        usb.vid = static_cast<std::uint16_t>(vid);
        usb.pid = static_cast<std::uint16_t>(pid);
      }
      usb.manufacturer = str(sp_get_port_usb_manufacturer(*p));
      usb.product = str(sp_get_port_usb_product(*p));
      usb.serial = str(sp_get_port_usb_serial(*p));
      sp_get_port_usb_bus_address(*p, &usb.bus, &usb.address);
      info.usb = std::move(usb);
    }
    std::error_code ec;
    const auto canonical = fs::canonical(info.device, ec).string();
    if (auto it = by_path.find(canonical); it != by_path.end()) info.by_path = it->second;
    if (auto it = by_id.find(canonical); it != by_id.end()) info.by_id = it->second;
    out.push_back(std::move(info));
  }
  sp_free_port_list(list);
  return out;
}

}  // namespace jumbe::serial
