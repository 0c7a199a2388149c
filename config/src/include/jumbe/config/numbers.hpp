// Phone numbers and sender addresses: any way people write a number, normalised to E.164 with
// libphonenumber and the configured default region; short codes and alphanumeric senders kept
// as written and marked; the operator found from the configurable prefix tables (longest prefix
// wins). Contract: pure over its NumbersConfig, thread-safe after construction, never throws.
// Numbering: ITU-T E.164; Kenya's plan as in shared/design/mission.md (07XX, 01XX).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

#include "jumbe/config/config.hpp"

namespace jumbe::config {

enum class AddressKind {
  e164,          // "+254712345678"
  short_code,    // "22555": a network service number, kept as written (digits only)
  alphanumeric,  // "SAFARICOM": a named sender; can never be a destination
};

struct Address {
  AddressKind kind = AddressKind::e164;
  std::string text;           // E.164 with '+', the short code's digits, or the name as written
  std::string region;         // ISO region of an E.164 number ("KE"); empty otherwise
  std::string operator_name;  // from numbers.operators; empty when no prefix matches
  // True when libphonenumber's metadata does not know the range but the operator table does
  // (new ranges such as Safaricom 0116+ postdate libphonenumber 8.12): accepted on our data.
  bool by_operator_table = false;
  friend bool operator==(const Address&, const Address&) = default;
};

enum class NumberErrorCode {
  empty,          // nothing but spaces
  bad_character,  // a character no phone number contains
  too_short,
  too_long,
  invalid,        // right length, but no such number in that country's plan
  international,  // outside default_region and allow_international is false
  alphanumeric,   // a name where a number is needed (a destination)
};

struct NumberError {
  NumberErrorCode code;
  std::string message;  // one line, names the input: "0712 345: too short for a KE number"
};

std::string_view to_string(AddressKind);

// Expands one prefix entry of numbers.operators[].prefixes into E.164 digit prefixes.
// Accepted forms, for country code 254: "0712" (national, trunk 0), "712", "+254712", and
// ranges "0700-0729" / "+254700-+254729" whose two ends have the same length.
tl::expected<std::vector<std::string>, std::string> expand_prefix(std::string_view spec,
                                                                  int country_code);

class Numbers {
 public:
  // `config.default_region` must be a region libphonenumber knows (the loader checks).
  explicit Numbers(NumbersConfig config);

  // A sender as it arrives from the network or is written in the config: E.164, short code or
  // alphanumeric. International numbers are always accepted here (a citizen abroad may write).
  [[nodiscard]] tl::expected<Address, NumberError> parse_sender(std::string_view text) const;
  // A destination: E.164 or short code; never alphanumeric; foreign numbers only when
  // numbers.allow_international is true.
  [[nodiscard]] tl::expected<Address, NumberError> parse_recipient(std::string_view text) const;
  // The operator whose prefix table has the longest prefix of `e164` ("+254712..." or digits).
  [[nodiscard]] std::string_view operator_of(std::string_view e164) const;

  [[nodiscard]] int country_code() const { return country_code_; }
  [[nodiscard]] const NumbersConfig& config() const { return config_; }

 private:
  [[nodiscard]] tl::expected<Address, NumberError> parse(std::string_view text,
                                                         bool recipient) const;
  NumbersConfig config_;
  int country_code_ = 0;
  std::unordered_map<std::string, std::string> prefix_to_operator_;
  std::size_t longest_prefix_ = 0;
};

// True if libphonenumber knows `region` (e.g. "KE"); used to validate numbers.default_region.
bool is_known_region(std::string_view region);
int country_code_for_region(std::string_view region);

}  // namespace jumbe::config
