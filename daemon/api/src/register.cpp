// register_all(): every route module's registration function, in one place, so the server and
// the docs test (docs/api.yaml vs the table) see the same routes. api-live adds its lines here.
#include "jumbe/api/live_routes.hpp"
#include "jumbe/api/routes.hpp"

namespace jumbe::api {

void register_all(Routes& r, ApiContext& ctx) {
  add_message_routes(r, ctx);
  add_broadcast_routes(r, ctx);
  add_inbox_routes(r, ctx);
  add_live_routes(r, ctx);
  add_kannel_routes(r, ctx);
}

}  // namespace jumbe::api
