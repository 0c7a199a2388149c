// Locating modems named by IMEI or USB port path (see discovery.hpp): the reply parser and the
// sysfs walk are pure; locate() probes ports one at a time.
#include "jumbe/gateway/discovery.hpp"

#include <glob.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <system_error>

#include "jumbe/serial/ports.hpp"
#include "jumbe/serial/probe.hpp"

namespace jumbe::gateway {

namespace fs = std::filesystem;

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"'))
    s.remove_suffix(1);
  return s;
}

// "1.10" after "1.2": interface numbers compared as numbers, part by part.
std::vector<int> numbers_of(std::string_view s) {
  std::vector<int> out;
  int cur = 0;
  bool any = false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      cur = cur * 10 + (c - '0');
      any = true;
    } else {
      if (any) out.push_back(cur);
      cur = 0;
      any = false;
    }
  }
  if (any) out.push_back(cur);
  return out;
}

// The tty names under one USB interface directory.
std::vector<std::string> ttys_of_interface(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("ttyUSB", 0) == 0 && all_digits(std::string_view(name).substr(6))) {
      out.push_back(name);
    } else if (name == "tty") {
      // cdc-acm: <interface>/tty/ttyACM0
      std::error_code ec2;
      for (fs::directory_iterator t(it->path(), ec2), tend; !ec2 && t != tend; t.increment(ec2))
        out.push_back(t->path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string canonical(const std::string& path) {
  std::error_code ec;
  auto c = fs::canonical(path, ec);
  return ec ? path : c.string();
}

}  // namespace

std::optional<std::string> parse_imei(const std::vector<std::string>& lines) {
  for (std::string_view line : lines) {
    line = trim(line);
    // "+CGSN: 867530021234567" / "+CGSN: \"86...\"" (27.007 5.4, AT+CGSN=1 on newer firmware),
    // "+GSN: ..." and Telit/SIMCom's "IMEI: ...".
    for (std::string_view prefix : {"+CGSN:", "+GSN:", "IMEI:"}) {
      if (line.substr(0, prefix.size()) == prefix) {
        line = trim(line.substr(prefix.size()));
        break;
      }
    }
    if (line.size() == 15 && all_digits(line)) return std::string(line);
  }
  return std::nullopt;
}

std::vector<std::string> usb_path_ttys(const std::string& sysfs_usb, const std::string& usb_path,
                                       const std::string& dev_dir) {
  // With an interface ("1-1.3:1.2") only that directory; otherwise every "1-1.3:*" one.
  const bool one_interface = usb_path.find(':') != std::string::npos;
  std::vector<std::pair<std::vector<int>, std::string>> found;  // (interface, tty)
  std::error_code ec;
  for (fs::directory_iterator it(sysfs_usb, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::string iface;
    if (one_interface) {
      if (name != usb_path) continue;
      iface = name.substr(name.find(':') + 1);
    } else {
      if (name.size() <= usb_path.size() + 1 || name.compare(0, usb_path.size(), usb_path) != 0 ||
          name[usb_path.size()] != ':')
        continue;
      iface = name.substr(usb_path.size() + 1);
    }
    for (auto& tty : ttys_of_interface(it->path()))
      found.emplace_back(numbers_of(iface), dev_dir + "/" + tty);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& [_, dev] : found)
    out.push_back(std::move(dev));
  return out;
}

std::vector<std::string> expand_patterns(const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const auto& p : patterns) {
    glob_t g{};
    if (::glob(p.c_str(), 0, nullptr, &g) == 0)
      for (std::size_t i = 0; i < g.gl_pathc; ++i)
        out.emplace_back(g.gl_pathv[i]);
    ::globfree(&g);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

tl::expected<Located, std::string> locate(const config::ModemConfig& m, const PortSearch& search,
                                          const std::set<std::string>& skip,
                                          const std::atomic<bool>* cancel) {
  const std::string who = "modem " + m.name + " (" + m.match_description() + ")";
  std::set<std::string> skip_canonical;
  for (const auto& s : skip)
    skip_canonical.insert(canonical(s));
  const auto skipped = [&](const std::string& dev) {
    return skip_canonical.count(canonical(dev)) > 0;
  };
  const auto cancelled = [&] { return cancel && cancel->load(); };

  if (!m.usb_path.empty()) {
    auto ttys = usb_path_ttys(search.sysfs_usb, m.usb_path, search.dev_dir);
    std::erase_if(ttys, skipped);
    if (ttys.empty())
      return tl::unexpected(who + ": no serial port at " + search.sysfs_usb + "/" + m.usb_path +
                            " (nothing plugged in there?)");
    if (cancelled()) return tl::unexpected(who + ": search cancelled");
    auto at = serial::find_at_port(ttys, {}, search.probe_timeout);
    if (!at) return tl::unexpected(who + ": " + at.error().message);
    return Located{*at, "USB port " + m.usb_path + " answers AT on " + *at};
  }

  if (m.imei.empty()) return tl::unexpected(who + ": names no imei, usb_path or device");
  // A modem shows 3-4 ttys sharing one USB device key; once one of them told its IMEI, its
  // siblings need no probing (a silent diagnostic interface would cost a timeout each).
  std::map<std::string, std::string> key_of;
  if (auto ports = serial::list_ports())
    for (const auto& p : *ports)
      if (auto k = p.device_key(); !k.empty()) key_of[canonical(p.device)] = k;
  std::set<std::string> done_keys;
  std::string seen;
  int asked = 0;
  for (const auto& dev : expand_patterns(search.patterns)) {
    if (cancelled()) return tl::unexpected(who + ": search cancelled");
    if (skipped(dev)) continue;
    const auto key = key_of.find(canonical(dev));
    if (key != key_of.end() && done_keys.count(key->second)) continue;
    ++asked;
    auto imei = read_imei(dev, search.probe_timeout);
    if (imei && *imei == m.imei) return Located{dev, "IMEI " + m.imei + " answered on " + dev};
    if (imei && key != key_of.end()) done_keys.insert(key->second);
    if (seen.size() < 240)
      seen += (seen.empty() ? "" : "; ") + (imei ? dev + ": IMEI " + *imei : imei.error());
  }
  std::string where;
  for (const auto& p : search.patterns)
    where += (where.empty() ? "" : ", ") + p;
  if (asked == 0) return tl::unexpected(who + ": no free serial port matches " + where);
  return tl::unexpected(who + ": not found on " + where + " (" + seen + ")");
}

}  // namespace jumbe::gateway
