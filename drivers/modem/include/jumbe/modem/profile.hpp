// Vendor profiles (house style 4): match keys (USB VID:PID, +CGMI/+CGMM glob patterns) and named
// string flags that the config may override without a rebuild, as Gammu and Kannel do. Contract:
// pure data and lookups; every flag has a validated value set; the generic profile works alone;
// no vendor `if` exists outside these tables. Flag meanings are documented in docs/modems.md.
// Sources per profile are cited in src/profiles.cpp and tests/fixtures/transcripts/<vendor>-*/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/pdu/ussd.hpp"

namespace jumbe::modem {

struct UsbId {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;  // 0 in a profile: any product of that vendor (ModemManager plugins
                          // match Huawei and ZTE by vendor id alone, for the same reason)
  friend bool operator==(const UsbId&, const UsbId&) = default;
};
// "12d1:1506" -> UsbId, "12d1:*" -> {0x12d1, 0}; nullopt when malformed.
std::optional<UsbId> parse_usb_id(std::string_view text);

// A flag value: scalars hold exactly one string, list flags (extra_init, ignore_urcs) any number.
using FlagValue = std::vector<std::string>;
using Flags = std::map<std::string, FlagValue, std::less<>>;

struct Profile {
  std::string name;
  std::string description;
  std::vector<UsbId> usb_ids;              // exact VID:PID matches
  std::vector<std::string> manufacturers;  // +CGMI globs, case-insensitive ("huawei*")
  std::vector<std::string> models;         // +CGMM globs ("E3131*"); empty = any model
  Flags flags;                             // every known flag present (see flag_catalogue)
};

enum class FlagKind { choice, boolean, integer, text, list };
struct FlagSpec {
  std::string_view name;
  FlagKind kind;
  std::vector<std::string_view> choices;  // for choice
  std::string_view help;
};
const std::vector<FlagSpec>& flag_catalogue();

// Built-in profiles: generic, huawei, zte, simcom, quectel (in that order).
const std::vector<Profile>& builtin_profiles();
std::optional<Profile> find_profile(std::string_view name);

// What is known about a modem when choosing its profile.
struct MatchKeys {
  std::optional<UsbId> usb;
  std::string manufacturer;  // +CGMI reply, may be empty before the probe
  std::string model;         // +CGMM reply
};
// The best profile: a USB id match first, then manufacturer+model, then manufacturer, else generic.
const Profile& match_profile(const MatchKeys& keys);

// Case-insensitive glob with '*' and '?' (used for +CGMI / +CGMM patterns).
bool glob_match(std::string_view pattern, std::string_view text);

// Replaces flags by name. Errors name the flag and the allowed values in one line, e.g.
// "profile flag ussd_encoding: 'hex' is not one of packed-hex, ucs2-hex, text".
tl::expected<void, std::string> apply_overrides(Profile& profile, const Flags& overrides);

enum class ResetMethod { cfun11, reopen };

// The typed view of a profile's flags that the driver uses.
struct Settings {
  pdu::UssdMode ussd_mode = pdu::UssdMode::text;
  int ussd_dcs = 15;
  std::string cnmi = "2,1,0,2,0";     // arguments of AT+CNMI=
  bool direct_delivery = false;       // <mt>=2: +CMT routed to us, acknowledged with +CNMA
  bool status_reports_direct = true;  // <ds>=1: +CDS; <ds>=2: +CDSI (stored)
  std::vector<std::string> extra_init;
  std::vector<std::string> ignore_urcs;
  ResetMethod reset_method = ResetMethod::cfun11;
  bool supports_cmms = false;
  std::string sms_storage = "SM";
  std::vector<std::string> registration;  // "creg", "cgreg", "cereg"
  int sweep_interval_s = 300;
  int health_interval_s = 30;
};
tl::expected<Settings, std::string> resolve_settings(const Profile& profile);

}  // namespace jumbe::modem
