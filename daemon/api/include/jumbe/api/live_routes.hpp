// Registration of api-live's routes (api-contract.md "Events", "USSD", "Modems and status",
// "Metrics"): GET /v1/events (SSE) and POST /v1/events/ack, POST /v1/ussd, POST|DELETE
// /v1/ussd/{session}, GET /v1/modems[/{name}], GET /v1/status, GET /metrics. Contract: called
// once by register_all(); creates the server's one EventHub and USSD session table, woken by the
// gateway's change listener, both kept alive by the ApiContext.
#pragma once

#include "jumbe/api/routes.hpp"

namespace jumbe::api {

void add_live_routes(Routes& r, ApiContext& ctx);

// The store cursor that holds a client's acknowledged event id ("events:<client>").
std::string event_cursor_name(const std::string& client);

}  // namespace jumbe::api
