// Profile lookups, flag validation and the typed Settings view (see profile.hpp). Pure: no I/O.
// The flag catalogue below is the single list of quirks the driver knows; docs/modems.md
// describes each one for operators.
#include "jumbe/modem/profile.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace jumbe::modem {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::uint16_t> parse_hex16(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  unsigned v = 0;
  for (char c : s) {
    const int d = hex_digit(c);
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<unsigned>(d);
  }
  return static_cast<std::uint16_t>(v);
}

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

const FlagSpec* find_spec(std::string_view name) {
  for (const auto& s : flag_catalogue())
    if (s.name == name) return &s;
  return nullptr;
}

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  const auto* end = s.data() + s.size();
  const auto r = std::from_chars(s.data(), end, v);
  if (r.ec != std::errc{} || r.ptr != end) return std::nullopt;
  return v;
}

tl::expected<void, std::string> validate(const FlagSpec& spec, const FlagValue& value) {
  const std::string head = "profile flag " + std::string(spec.name) + ": ";
  if (spec.kind == FlagKind::list) return {};
  if (value.size() != 1)
    return tl::unexpected(head + "expects one value, got " + std::to_string(value.size()));
  const std::string& v = value.front();
  switch (spec.kind) {
    case FlagKind::choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), v) == spec.choices.end())
        return tl::unexpected(head + "'" + v + "' is not one of " + join(spec.choices));
      break;
    case FlagKind::boolean:
      if (v != "yes" && v != "no")
        return tl::unexpected(head + "'" + v + "' is not one of yes, no");
      break;
    case FlagKind::integer: {
      const auto n = to_int(v);
      if (!n || *n < 0) return tl::unexpected(head + "'" + v + "' is not a non-negative integer");
      break;
    }
    case FlagKind::text:
      if (v.empty()) return tl::unexpected(head + "must not be empty");
      break;
    case FlagKind::list:
      break;
  }
  return {};
}

const std::string& scalar(const Profile& p, std::string_view name) {
  static const std::string empty;
  const auto it = p.flags.find(name);
  if (it == p.flags.end() || it->second.empty()) return empty;
  return it->second.front();
}

}  // namespace

std::optional<UsbId> parse_usb_id(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto vid = parse_hex16(text.substr(0, colon));
  const auto pid_text = text.substr(colon + 1);
  if (!vid) return std::nullopt;
  if (pid_text == "*") return UsbId{*vid, 0};
  const auto pid = parse_hex16(pid_text);
  if (!pid) return std::nullopt;
  return UsbId{*vid, *pid};
}

const std::vector<FlagSpec>& flag_catalogue() {
  static const std::vector<FlagSpec> specs = {
      {"ussd_encoding",
       FlagKind::choice,
       {"text", "packed-hex", "ucs2-hex"},
       "how +CUSD strings are written both ways (Huawei: hex of packed GSM 7-bit)"},
      {"ussd_dcs", FlagKind::integer, {}, "the <dcs> sent with AT+CUSD=1 (15 = GSM 7-bit)"},
      {"cnmi", FlagKind::text, {}, "arguments of AT+CNMI= (TS 27.005 3.4.1)"},
      {"extra_init", FlagKind::list, {}, "commands sent after ATE0/+CMEE=1, in order"},
      {"ignore_urcs", FlagKind::list, {}, "line prefixes that are vendor noise, dropped silently"},
      {"reset_method",
       FlagKind::choice,
       {"cfun11", "reopen"},
       "how an unresponsive modem is reset: AT+CFUN=1,1 or closing and reopening the port"},
      {"supports_cmms", FlagKind::boolean, {}, "send AT+CMMS=2 to keep the link between segments"},
      {"sms_storage", FlagKind::choice, {"SM", "ME", "MT"}, "+CPMS storage for all three memories"},
      {"registration", FlagKind::list, {}, "which of creg, cgreg, cereg to enable and poll"},
      {"sweep_interval_s", FlagKind::integer, {}, "seconds between +CMGL sweeps of the SIM"},
      {"health_interval_s", FlagKind::integer, {}, "seconds between health polls when idle"},
  };
  return specs;
}

std::optional<Profile> find_profile(std::string_view name) {
  for (const auto& p : builtin_profiles())
    if (p.name == name) return p;
  return std::nullopt;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative glob with backtracking on the last '*': linear enough for short model strings.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  const auto eq = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || eq(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

const Profile& match_profile(const MatchKeys& keys) {
  const auto& all = builtin_profiles();
  const Profile* by_maker = nullptr;
  const Profile* by_model = nullptr;
  const auto any_glob = [](const std::vector<std::string>& globs, std::string_view s) {
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& g) { return glob_match(g, s); });
  };
  for (const auto& p : all) {
    if (keys.usb) {
      for (const auto& id : p.usb_ids)
        if (id.vid == keys.usb->vid && (id.pid == 0 || id.pid == keys.usb->pid)) return p;
    }
    if (!keys.manufacturer.empty() && any_glob(p.manufacturers, keys.manufacturer)) {
      if (!p.models.empty() && any_glob(p.models, keys.model)) {
        if (!by_model) by_model = &p;
      } else if (!by_maker) {
        by_maker = &p;
      }
    }
  }
  if (by_model) return *by_model;
  if (by_maker) return *by_maker;
  return all.front();  // generic
}

tl::expected<void, std::string> apply_overrides(Profile& profile, const Flags& overrides) {
  for (const auto& [name, value] : overrides) {
    const auto* spec = find_spec(name);
    if (!spec) {
      std::vector<std::string_view> names;
      for (const auto& s : flag_catalogue())
        names.push_back(s.name);
      return tl::unexpected("unknown profile flag '" + name + "' (known: " + join(names) + ")");
    }
    if (auto ok = validate(*spec, value); !ok) return ok;
  }
  for (const auto& [name, value] : overrides)
    profile.flags[name] = value;
  return {};
}

tl::expected<Settings, std::string> resolve_settings(const Profile& profile) {
  for (const auto& spec : flag_catalogue()) {
    const auto it = profile.flags.find(spec.name);
    if (it == profile.flags.end())
      return tl::unexpected("profile " + profile.name + ": flag " + std::string(spec.name) +
                            " missing");
    if (auto ok = validate(spec, it->second); !ok)
      return tl::unexpected("profile " + profile.name + ": " + ok.error());
  }
  Settings s;
  s.ussd_mode =
      pdu::parse_ussd_mode(scalar(profile, "ussd_encoding")).value_or(pdu::UssdMode::text);
  s.ussd_dcs = to_int(scalar(profile, "ussd_dcs")).value_or(15);
  s.cnmi = scalar(profile, "cnmi");
  // AT+CNMI=<mode>,<mt>,<bm>,<ds>,<bfr> (TS 27.005 3.4.1): <mt>=2 routes SMS-DELIVER as +CMT,
  // <ds>=1 routes status reports as +CDS, <ds>=2 stores them and sends +CDSI.
  std::vector<std::string> parts;
  {
    std::string cur;
    for (char c : s.cnmi) {
      if (c == ',') {
        parts.push_back(cur);
        cur.clear();
      } else if (c != ' ') {
        cur += c;
      }
    }
    parts.push_back(cur);
  }
  if (parts.size() < 2 || !to_int(parts[0]) || !to_int(parts[1]))
    return tl::unexpected("profile " + profile.name + ": flag cnmi: '" + s.cnmi +
                          "' is not <mode>,<mt>[,<bm>,<ds>,<bfr>]");
  s.direct_delivery = to_int(parts[1]) == 2 || to_int(parts[1]) == 3;
  s.status_reports_direct = parts.size() < 4 || parts[3] != "2";
  s.extra_init = profile.flags.at("extra_init");
  s.ignore_urcs = profile.flags.at("ignore_urcs");
  s.reset_method =
      scalar(profile, "reset_method") == "reopen" ? ResetMethod::reopen : ResetMethod::cfun11;
  s.supports_cmms = scalar(profile, "supports_cmms") == "yes";
  s.sms_storage = scalar(profile, "sms_storage");
  s.registration = profile.flags.at("registration");
  for (const auto& r : s.registration)
    if (r != "creg" && r != "cgreg" && r != "cereg")
      return tl::unexpected("profile " + profile.name + ": flag registration: '" + r +
                            "' is not one of creg, cgreg, cereg");
  s.sweep_interval_s = to_int(scalar(profile, "sweep_interval_s")).value_or(300);
  s.health_interval_s = to_int(scalar(profile, "health_interval_s")).value_or(30);
  return s;
}

}  // namespace jumbe::modem
