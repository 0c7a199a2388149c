// Phone-number normalisation with libphonenumber 8.12 plus our operator prefix tables.
// Contract: see numbers.hpp. libphonenumber decides validity; where its metadata is older than
// the network (Kenya's 0116+ and 0107+ ranges are unknown to 8.12.57: it answers "invalid" for
// +254116123456), a number of possible length whose prefix is in numbers.operators is accepted
// on that data and marked by_operator_table. Letters are refused before libphonenumber, which
// would otherwise read "0712ABC678" as a vanity number (+254712222678).
#include "jumbe/config/numbers.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace jumbe::config {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

NumberError fail(NumberErrorCode code, std::string_view input, std::string why) {
  return NumberError{code, "'" + std::string(input) + "': " + std::move(why)};
}

bool is_separator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t';
}

// GSM 03.40 alphanumeric originator: up to 11 characters of the GSM 7-bit alphabet; we accept
// the printable ASCII subset operators actually use (letters, digits, space and a few marks).
bool alnum_sender_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '.' ||
         c == '_' || c == '&' || c == '\'' || c == '!' || c == '+';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view to_string(AddressKind k) {
  switch (k) {
    case AddressKind::e164:
      return "e164";
    case AddressKind::short_code:
      return "short_code";
    case AddressKind::alphanumeric:
      return "alphanumeric";
  }
  return "?";
}

bool is_known_region(std::string_view region) {
  const auto* util = PhoneNumberUtil::GetInstance();
  std::set<std::string> regions;
  util->GetSupportedRegions(&regions);
  return regions.count(std::string(region)) > 0;
}

int country_code_for_region(std::string_view region) {
  return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region));
}

Numbers::Numbers(NumbersConfig config) : config_(std::move(config)) {
  country_code_ = country_code_for_region(config_.default_region);
  for (const auto& op : config_.operators) {
    for (const auto& p : op.prefixes) {
      prefix_to_operator_.emplace(p, op.name);
      longest_prefix_ = std::max(longest_prefix_, p.size());
    }
  }
  // Longest international prefix first, so "000" is tried before "00".
  std::sort(config_.international_prefixes.begin(), config_.international_prefixes.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string_view Numbers::operator_of(std::string_view e164) const {
  if (!e164.empty() && e164.front() == '+') e164.remove_prefix(1);
  for (std::size_t n = std::min(longest_prefix_, e164.size()); n > 0; --n) {
    auto it = prefix_to_operator_.find(std::string(e164.substr(0, n)));
    if (it != prefix_to_operator_.end()) return it->second;
  }
  return {};
}

tl::expected<Address, NumberError> Numbers::parse_sender(std::string_view text) const {
  return parse(text, false);
}

tl::expected<Address, NumberError> Numbers::parse_recipient(std::string_view text) const {
  return parse(text, true);
}

tl::expected<Address, NumberError> Numbers::parse(std::string_view input, bool recipient) const {
  const std::string_view text = trim(input);
  if (text.empty()) return tl::unexpected(fail(NumberErrorCode::empty, input, "empty number"));

  const bool has_letter = std::any_of(
      text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  if (has_letter) {
    if (recipient)
      return tl::unexpected(fail(NumberErrorCode::alphanumeric, text,
                                 "a name, not a phone number; messages can only go to numbers"));
    if (text.size() > 11)
      return tl::unexpected(
          fail(NumberErrorCode::too_long, text, "alphanumeric senders have at most 11 characters"));
    for (char c : text) {
      if (!alnum_sender_char(c))
        return tl::unexpected(
            fail(NumberErrorCode::bad_character, text,
                 "character '" + std::string(1, c) + "' is not allowed in a sender name"));
    }
    return Address{AddressKind::alphanumeric, std::string(text), {}, {}, false};
  }

  // Digits, one leading '+', and the separators people type.
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (!is_separator(c)) {
      const bool printable = std::isprint(static_cast<unsigned char>(c));
      return tl::unexpected(
          fail(NumberErrorCode::bad_character, text,
               printable ? "character '" + std::string(1, c) + "' does not belong in a phone number"
                         : "contains a byte that does not belong in a phone number"));
    }
  }
  if (digits.empty()) return tl::unexpected(fail(NumberErrorCode::empty, text, "no digits"));

  // Short codes: 3 to 6 digits written without '+' (22555, 100, 40404). No national number in
  // any plan we serve is that short, so they are never mistaken for subscribers.
  if (!plus && digits.size() >= 3 && digits.size() <= 6)
    return Address{AddressKind::short_code, digits, {}, {}, false};

  const auto* util = PhoneNumberUtil::GetInstance();
  std::string candidate = plus ? "+" + digits : digits;
  if (!plus) {
    // "00254712345678": an international prefix from the configured list becomes '+', but only
    // if what follows is then a valid number (a national number never starts with 00 in KE).
    for (const auto& prefix : config_.international_prefixes) {
      if (prefix.empty() || digits.size() <= prefix.size() + 6) continue;
      if (digits.compare(0, prefix.size(), prefix) != 0) continue;
      PhoneNumber n;
      const std::string intl = "+" + digits.substr(prefix.size());
      if (util->Parse(intl, config_.default_region, &n) == PhoneNumberUtil::NO_PARSING_ERROR &&
          util->IsValidNumber(n)) {
        candidate = intl;
        break;
      }
    }
  }

  PhoneNumber number;
  const auto err = util->Parse(candidate, config_.default_region, &number);
  if (err != PhoneNumberUtil::NO_PARSING_ERROR) {
    switch (err) {
      case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return tl::unexpected(fail(NumberErrorCode::invalid, text, "unknown country code"));
      case PhoneNumberUtil::TOO_SHORT_NSN:
      case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
        return tl::unexpected(fail(NumberErrorCode::too_short, text, "too short"));
      case PhoneNumberUtil::TOO_LONG_NSN:
        return tl::unexpected(fail(NumberErrorCode::too_long, text, "too long"));
      default:
        return tl::unexpected(fail(NumberErrorCode::invalid, text, "not a phone number"));
    }
  }
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  // ITU-T E.164 clause 6.1: at most 15 digits. libphonenumber's German metadata accepts longer
  // (found by fuzz_config_numbers: "+49464 20 7946 095 098" was "valid"); no SMS can reach those.
  if (e164.size() > 16)
    return tl::unexpected(
        fail(NumberErrorCode::too_long, text, "longer than the 15 digits E.164 allows"));
  std::string region;
  util->GetRegionCodeForNumber(number, &region);
  const std::string op(operator_of(e164));

  bool by_table = false;
  if (!util->IsValidNumber(number)) {
    const std::string where = number.country_code() == country_code_
                                  ? config_.default_region
                                  : "+" + std::to_string(number.country_code());
    // "0712345" keeps its 0 (+2540712345: libphonenumber's "Italian leading zero" rule when
    // the stripped number would be impossible); look the operator up without it, so a short
    // mobile number is reported as such.
    const std::string probe =
        "+" + std::to_string(number.country_code()) + std::to_string(number.national_number());
    const std::string probe_op(operator_of(probe));
    if (!probe_op.empty()) {
      // The prefix is one of our operators': judge the length as a mobile number, and accept a
      // right-length number whose range libphonenumber does not know yet (see the file comment).
      const auto mobile = util->IsPossibleNumberForTypeWithReason(number, PhoneNumberUtil::MOBILE);
      if (mobile == PhoneNumberUtil::IS_POSSIBLE && !op.empty()) {
        by_table = true;
        region = config_.default_region;
      } else if (mobile == PhoneNumberUtil::TOO_LONG) {
        return tl::unexpected(
            fail(NumberErrorCode::too_long, text, "too long for a " + where + " mobile number"));
      } else {
        return tl::unexpected(
            fail(NumberErrorCode::too_short, text, "too short for a " + where + " mobile number"));
      }
    } else {
      const auto possible = util->IsPossibleNumberWithReason(number);
      if (possible == PhoneNumberUtil::TOO_SHORT) {
        return tl::unexpected(
            fail(NumberErrorCode::too_short, text, "too short for a " + where + " number"));
      }
      if (possible == PhoneNumberUtil::TOO_LONG) {
        return tl::unexpected(
            fail(NumberErrorCode::too_long, text, "too long for a " + where + " number"));
      }
      if (possible == PhoneNumberUtil::INVALID_LENGTH) {
        return tl::unexpected(fail(NumberErrorCode::invalid, text,
                                   "wrong number of digits for a " + where + " number"));
      }
      return tl::unexpected(
          fail(NumberErrorCode::invalid, text, "not a valid " + where + " number (no such range)"));
    }
  }
  if (recipient && !config_.allow_international && region != config_.default_region) {
    return tl::unexpected(fail(NumberErrorCode::international, text,
                               "a number in " +
                                   (region.empty() ? std::string("another country") : region) +
                                   "; international messages are off "
                                   "(numbers.allow_international)"));
  }
  return Address{AddressKind::e164, e164, region, op, by_table};
}

}  // namespace jumbe::config
