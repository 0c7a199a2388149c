// GET /v1/status as JSON (see status_json.hpp).
#include "jumbe/api/status_json.hpp"

#include "jumbe/api/sse.hpp"

namespace jumbe::api {

nlohmann::json status_json(const StatusSnapshot& s) {
  const auto up = s.now > s.started_at ? (s.now - s.started_at) / 1000 : 0;
  return {{"name", s.name},
          {"version", s.version},
          {"started_at", rfc3339_ms(s.started_at)},
          {"uptime_seconds", up},
          {"modems", {{"configured", s.modems_configured}, {"ready", s.modems_ready}}},
          {"queue", {{"queued", s.queued}, {"sending", s.sending}, {"held", s.held}}},
          {"store", s.store}};
}

}  // namespace jumbe::api
