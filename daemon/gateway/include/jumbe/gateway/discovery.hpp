// Finding the serial port of a modem the configuration names by IMEI or by USB port path, at
// start and again whenever its port vanishes (a replug or a modem reset renames ttyUSB2 to
// ttyUSB5). Contract: the parsing and sysfs helpers are pure over their inputs (a sysfs root is a
// parameter so tests use a fake tree); locate() blocks (it opens ports and asks AT+CGSN / AT) and
// is run off the event loop. IMEI: TS 23.003 6.2.1; AT+CGSN: TS 27.007 5.4.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/config/config.hpp"

namespace jumbe::gateway {

struct PortSearch {
  std::vector<std::string> patterns = {"/dev/ttyUSB*", "/dev/ttyACM*"};  // gateway.ports
  std::string sysfs_usb = "/sys/bus/usb/devices";
  std::string dev_dir = "/dev";
  std::chrono::milliseconds probe_timeout{1500};  // per port; a non-AT interface stays silent
};

struct Located {
  std::string device;  // what the driver opens
  std::string how;     // "IMEI 867530021234567 answered on /dev/ttyUSB2" for the log
};

// The IMEI in a reply to AT+CGSN / AT+GSN (lines without the final OK), or nullopt. Accepts the
// bare 15 digits most modems print, "+CGSN: <imei>" with or without quotes (27.007 5.4 with
// <snt>), and "IMEI: <imei>".
std::optional<std::string> parse_imei(const std::vector<std::string>& lines);

// The tty devices (dev_dir + "/ttyUSB0", ...) of the modem in USB port `usb_path` ("1-1.3", or
// "1-1.3:1.2" for one interface), from a sysfs tree laid out like /sys/bus/usb/devices: each
// interface directory "<path>:<config>.<interface>" holds "ttyUSBn" (usb-serial drivers) or
// "tty/ttyACMn" (cdc-acm). Ordered by interface number; empty when nothing is plugged there.
std::vector<std::string> usb_path_ttys(const std::string& sysfs_usb, const std::string& usb_path,
                                       const std::string& dev_dir);

// Devices matching the glob patterns, sorted, without duplicates.
std::vector<std::string> expand_patterns(const std::vector<std::string>& patterns);

// Asks one port for its IMEI (blocking, bounded by `timeout`). Error: one line naming the port.
tl::expected<std::string, std::string> read_imei(const std::string& device,
                                                 std::chrono::milliseconds timeout);

// Finds the port of `m` (named by imei or usb_path). `skip` holds devices other modems use (not
// probed: writing AT into a running modem's port would corrupt its exchange). `cancel` stops
// between ports (daemon shutdown). Error: one line saying where it looked and what answered.
tl::expected<Located, std::string> locate(const config::ModemConfig& m, const PortSearch& search,
                                          const std::set<std::string>& skip,
                                          const std::atomic<bool>* cancel = nullptr);

}  // namespace jumbe::gateway
