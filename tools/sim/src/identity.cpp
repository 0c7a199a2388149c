// Kenyan operator defaults and generated identities (see identity.hpp).
#include "identity.hpp"

#include <cctype>
#include <cstdio>

namespace jumbe::sim {

std::optional<Identity> operator_identity(std::string_view name) {
  std::string n;
  for (char c : name)
    n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  Identity id;
  // SMSC numbers are examples of the operators' centres; override with --smsc if it matters.
  if (n == "safaricom" || n == "63902") {
    id.operator_long = "Safaricom";
    id.operator_short = "Safaricom";
    id.mccmnc = "63902";
    id.smsc = "+254722500029";
    id.msisdn = "+2547120";  // prefix; make_identity completes it
  } else if (n == "airtel" || n == "63903") {
    id.operator_long = "Airtel";
    id.operator_short = "Airtel";
    id.mccmnc = "63903";
    id.smsc = "+254733000005";
    id.msisdn = "+2547330";
  } else if (n == "telkom" || n == "63907") {
    id.operator_long = "Telkom Kenya";
    id.operator_short = "Telkom";
    id.mccmnc = "63907";
    id.smsc = "+254770000500";
    id.msisdn = "+2547700";
  } else {
    return std::nullopt;
  }
  return id;
}

char luhn_digit(std::string_view digits) {
  int sum = 0;
  bool dbl = true;  // the digit next to the check digit is doubled
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

Identity make_identity(const Identity& op, int index) {
  Identity id = op;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%05d", index + 1);
  const std::string seq = buf;
  if (id.msisdn.size() < 13) id.msisdn += seq;  // +2547120 + 00001
  std::snprintf(buf, sizeof buf, "%010d", index + 1);
  id.imsi = id.mccmnc + buf;
  const std::string imei14 = "86" + std::string{"123456"} + std::string(buf).substr(4);
  id.imei = imei14 + luhn_digit(imei14);
  const std::string iccid18 = "89254" + id.mccmnc.substr(3) + "000" + std::string(buf).substr(2);
  id.iccid = iccid18 + luhn_digit(iccid18);
  if (id.name.empty()) {
    std::string short_name = id.operator_short.substr(0, 3);
    for (auto& c : short_name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    id.name = short_name + "-" + std::to_string(index);
  }
  return id;
}

}  // namespace jumbe::sim
