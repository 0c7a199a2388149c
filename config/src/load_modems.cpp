// Loader of the modems list: how each modem is recognised (IMEI, USB path or device path), its
// SIM PIN, operator, roles, rate limits, quotas, vendor profile and balance check.
// Contract: see loaders.hpp. Names and match keys are unique across modems; a PIN is 4-8 digits
// (3GPP TS 31.102 / TS 51.011 CHV: 4 to 8 decimal digits) and is never printed.
#include <algorithm>
#include <cctype>

#include "loaders.hpp"

namespace jumbe::config::detail {
namespace {

bool all_digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// IMEI check digit: Luhn over the first 14 digits (3GPP TS 23.003 6.2.1 and annex B).
bool luhn_ok(const std::string& imei) {
  int sum = 0;
  for (std::size_t i = 0; i < 14; ++i) {
    int d = imei[i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - sum % 10) % 10 == imei[14] - '0';
}

// sysfs USB port path: bus "1", then ports "-1.2.3" ("1-1.3"), optionally ":1.0" interface.
bool is_usb_path(const std::string& s) {
  const auto dash = s.find('-');
  if (dash == std::string::npos || dash == 0) return false;
  if (!all_digits(s.substr(0, dash))) return false;
  std::string rest = s.substr(dash + 1);
  if (const auto colon = rest.find(':'); colon != std::string::npos) {
    const std::string iface = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (iface.empty() || !std::all_of(iface.begin(), iface.end(),
                                      [](unsigned char c) { return std::isdigit(c) || c == '.'; }))
      return false;
  }
  if (rest.empty() || rest.front() == '.' || rest.back() == '.') return false;
  return std::all_of(rest.begin(), rest.end(),
                     [](unsigned char c) { return std::isdigit(c) || c == '.'; });
}

constexpr std::string_view kProfiles[] = {"auto", "generic", "huawei", "zte", "simcom", "quectel"};

}  // namespace

void load_modems(const MapReader& top, Config& config) {
  Ctx& ctx = top.ctx();
  if (!top.has("modems")) {
    ctx.error(top.mark(), "missing required field 'modems' (the list of modems to use)");
    return;
  }
  struct Seen {
    std::string key;
    int line;
  };
  std::vector<Seen> names, matches;
  auto first_line = [](const std::vector<Seen>& seen, const std::string& key) {
    for (const auto& s : seen)
      if (s.key == key) return s.line;
    return 0;
  };

  for_each_item(top, "modems", [&](const YAML::Node& item, std::size_t, const std::string& path) {
    const MapReader r(ctx, item, "modems[]", path, top.key_mark("modems"));
    if (!r.valid()) return;
    ModemConfig m;
    if (r.require("name") && r.read("name", m.name) &&
        check_identifier(ctx, r.value_mark("name"), r.field("name"), m.name)) {
      if (int line = first_line(names, m.name)) {
        ctx.error(r.value_mark("name"), r.field("name") + ": duplicate modem name '" + m.name +
                                            "' (first at line " + std::to_string(line) + ")");
      } else {
        names.push_back({m.name, position(r.value_mark("name")).first});
      }
    }

    // Exactly one way to recognise the modem.
    const int ways = static_cast<int>(r.has("imei")) + static_cast<int>(r.has("usb_path")) +
                     static_cast<int>(r.has("device"));
    if (ways == 0) {
      ctx.error(r.mark(), path +
                              ": missing how to find the modem: give one of imei, usb_path "
                              "or device");
    } else if (ways > 1) {
      ctx.error(r.mark(), path +
                              ": give only one of imei, usb_path and device (the modem is "
                              "found by exactly one)");
    } else {
      std::string key;
      std::string match_field;
      if (r.read("imei", m.imei)) {
        match_field = "imei";
        if (m.imei.size() != 15 || !all_digits(m.imei)) {
          ctx.error(r.value_mark("imei"),
                    r.field("imei") + ": '" + m.imei + "' is not an IMEI (15 digits, see AT+CGSN)");
        } else if (!luhn_ok(m.imei)) {
          ctx.error(r.value_mark("imei"),
                    r.field("imei") + ": '" + m.imei + "' has a wrong check digit (mistyped?)");
        }
        key = "imei " + m.imei;
      } else if (r.read("usb_path", m.usb_path)) {
        match_field = "usb_path";
        if (!is_usb_path(m.usb_path))
          ctx.error(r.value_mark("usb_path"),
                    r.field("usb_path") + ": '" + m.usb_path +
                        "' is not a USB port path (like 1-1.3, see /sys/bus/usb/devices)");
        key = "usb " + m.usb_path;
      } else if (r.read("device", m.device)) {
        match_field = "device";
        if (m.device.empty() || m.device.front() != '/')
          ctx.error(r.value_mark("device"), r.field("device") + ": '" + m.device +
                                                "' is not an absolute device path (like "
                                                "/dev/ttyUSB2 or /dev/serial/by-id/...)");
        key = "device " + m.device;
      }
      if (!key.empty()) {
        if (int line = first_line(matches, key)) {
          ctx.error(r.value_mark(match_field), r.field(match_field) + ": " + key +
                                                   " is already used by another modem (line " +
                                                   std::to_string(line) + ")");
        } else {
          matches.push_back({key, position(r.value_mark(match_field)).first});
        }
      }
    }

    if (r.read_secret("pin", m.pin, "PIN")) {
      const std::string& pin = m.pin.reveal();
      if (pin.size() < 4 || pin.size() > 8 || !all_digits(pin)) {
        const std::string which = m.pin.source() == "inline" ? "pin" : m.pin.source();
        ctx.error(r.value_mark(r.has("pin")        ? "pin"
                               : r.has("pin_file") ? "pin_file"
                                                   : "pin_env"),
                  path + ": the SIM PIN (" + which + ") must be 4 to 8 digits");
        m.pin = Secret();
      }
    }

    m.operator_name = "auto";
    if (r.read("operator", m.operator_name)) {
      std::transform(m.operator_name.begin(), m.operator_name.end(), m.operator_name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::vector<std::string_view> known{"auto"};
      for (const auto& op : config.numbers.operators)
        known.push_back(op.name);
      if (std::find(known.begin(), known.end(), m.operator_name) == known.end()) {
        std::string list;
        for (auto k : known)
          list += (list.empty() ? "" : ", ") + std::string(k);
        std::string message = r.field("operator") + ": unknown operator '" + m.operator_name +
                              "' (numbers.operators has " + list + ")";
        auto hint = closest(m.operator_name, known);
        if (!hint.empty()) message += "; did you mean '" + std::string(hint) + "'?";
        ctx.error(r.value_mark("operator"), std::move(message));
      }
    }

    if (const YAML::Node* roles = r.value("roles")) {
      auto list = read_scalar_list(ctx, *roles, r.field("roles"));
      if (list) {
        m.roles.clear();
        constexpr std::string_view names_[] = {"send", "receive", "ussd"};
        for (const auto& [text, mark] : *list) {
          auto index = choose_among(ctx, text, mark, r.field("roles"), names_);
          if (!index) continue;
          const ModemRole role = static_cast<ModemRole>(*index);
          if (m.has_role(role)) {
            ctx.error(mark, r.field("roles") + ": '" + text + "' is listed twice");
            continue;
          }
          m.roles.push_back(role);
        }
      }
    }

    r.read_rate("send_rate", m.send_rate);
    r.read_uint("burst", m.burst, 1, 1000);
    r.read_uint("daily_quota", m.daily_quota, 0, 10'000'000);
    r.read_uint("monthly_quota", m.monthly_quota, 0, 100'000'000);
    if (m.daily_quota > 0 && m.monthly_quota > 0 && m.daily_quota > m.monthly_quota)
      ctx.error(r.value_mark("daily_quota"),
                path + ": daily_quota (" + std::to_string(m.daily_quota) +
                    ") is larger than monthly_quota (" + std::to_string(m.monthly_quota) + ")");
    if (const YAML::Node* p = r.value("profile")) {
      if (auto index = r.choose("profile", *p, kProfiles)) m.profile = kProfiles[*index];
    }
    if (const YAML::Node* q = r.value("quirks")) {
      const MapReader qr(ctx, *q, "*", r.field("quirks"), r.key_mark("quirks"));
      for (const auto& e : qr.entries()) {
        bool v = false;
        if (!check_identifier(ctx, e.key_node.Mark(), qr.field(e.key), e.key)) continue;
        if (qr.read(e.key, v)) m.quirks[e.key] = v;
      }
    }
    r.read_uint("baud", m.baud, 1200, 4'000'000);
    if (const YAML::Node* b = r.value("balance")) {
      const MapReader br(ctx, *b, "modems[].balance", r.field("balance"), r.key_mark("balance"));
      if (br.require("ussd") && br.read("ussd", m.balance.ussd)) {
        // TS 22.030 6.5.2: a USSD string is * or # led, digits/*/#, ending in #.
        const auto& u = m.balance.ussd;
        const bool ok = u.size() >= 2 && u.size() <= 160 &&
                        (u.front() == '*' || u.front() == '#') && u.back() == '#' &&
                        std::all_of(u.begin(), u.end(), [](unsigned char c) {
                          return std::isdigit(c) || c == '*' || c == '#';
                        });
        if (!ok)
          ctx.error(br.value_mark("ussd"),
                    br.field("ussd") + ": '" + u + "' is not a USSD code (like *144#)");
      }
      br.read_duration("every", m.balance.every, Millis{std::chrono::minutes(5)});
      br.read_number("low", m.balance.low, 0, 1e9);
    }
    r.read("enabled", m.enabled);
    if (m.enabled && m.roles.empty())
      ctx.warning(r.mark(), path + ": no roles, so the modem does nothing (set enabled: false?)");
    config.modems.push_back(std::move(m));
  });
  if (const YAML::Node* list = top.value("modems");
      list != nullptr && list->IsSequence() && list->size() == 0)
    ctx.error(list->Mark(), "modems: the list is empty; at least one modem is needed");
}

}  // namespace jumbe::config::detail
