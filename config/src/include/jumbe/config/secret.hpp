// A secret read from the configuration (SIM PIN, API token, HMAC key, Kannel password).
// Contract: the value is reachable only through reveal(); there is no operator<< and no
// formatter, so a secret cannot end up in a log line or a diagnostic by accident. source()
// says where it came from ("inline", "file /etc/jumbe/saf1.pin", "env JUMBE_SAF1_PIN").
#pragma once

#include <string>
#include <utility>

namespace jumbe::config {

class Secret {
 public:
  Secret() = default;
  Secret(std::string value, std::string source)
      : value_(std::move(value)), source_(std::move(source)) {}

  [[nodiscard]] bool empty() const { return value_.empty(); }
  [[nodiscard]] const std::string& reveal() const { return value_; }
  [[nodiscard]] const std::string& source() const { return source_; }

 private:
  std::string value_;
  std::string source_;
};

}  // namespace jumbe::config
