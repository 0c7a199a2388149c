// The control protocol: one JSON request object in, one JSON response object out (documented
// with an example per command in docs/jumbe-sim.md). Contract: never throws; a bad request is
// {"ok":false,"error":"<one line naming the field>"}. Modems are addressed by index or name.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "modem_runner.hpp"

namespace jumbe::sim {

class Control {
 public:
  explicit Control(std::vector<std::unique_ptr<ModemRunner>>& modems) : modems_(modems) {}
  nlohmann::json handle(const nlohmann::json& request);
  // Parses one line; a line that is not JSON gets an error response.
  std::string handle_line(const std::string& line);

 private:
  std::vector<std::unique_ptr<ModemRunner>>& modems_;
};

nlohmann::json sent_to_json(const SentRecord& r);

}  // namespace jumbe::sim
