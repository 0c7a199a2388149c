// event_context(): the store reads behind an event's enrichment, shared by the SSE hub and the
// webhooks (jumbed plugs it into the Dispatcher) so both carry the same JSON for an event.
#include "jumbe/api/sse.hpp"
#include "jumbe/store/store.hpp"

namespace jumbe::api {

EventContext event_context(const store::Event& e, store::Store& st) {
  EventContext ctx;
  if (e.subject_id == 0) return ctx;
  if (e.kind == store::EventKind::inbound) {
    if (auto in = st.inbound_message(e.subject_id)) ctx.inbound = std::move(*in);
  } else if (e.kind == store::EventKind::state_changed ||
             e.kind == store::EventKind::delivery_report) {
    if (auto m = st.message(e.subject_id)) ctx.message = std::move(*m);
  }
  return ctx;
}

}  // namespace jumbe::api
