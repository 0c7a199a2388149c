// GET /v1/status: who this gateway is, how long it has run, how many modems are ready and how
// deep the queue is, and whether the store answers (api-contract.md "Modems and status").
// Contract: pure; the route gathers the snapshot on the loop.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "jumbe/store/types.hpp"

namespace jumbe::api {

struct StatusSnapshot {
  std::string name;     // config gateway.name
  std::string version;  // jumbe::version()
  store::Millis started_at = 0;
  store::Millis now = 0;
  int modems_configured = 0;
  int modems_ready = 0;
  std::int64_t queued = 0, sending = 0, held = 0;
  std::string store = "ok";  // or the store's one-line error
};

nlohmann::json status_json(const StatusSnapshot& s);

}  // namespace jumbe::api
