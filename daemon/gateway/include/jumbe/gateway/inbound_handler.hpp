// The seam where the keyword services (a later issue) plug into the inbound path. Contract: the
// gateway calls on_message() on its event loop once a message is complete (or released as
// incomplete) and durably stored, exactly once per message per run; the handler must not block
// (it enqueues replies through the store and returns).
#pragma once

#include "jumbe/store/types.hpp"

namespace jumbe::gateway {

class InboundHandler {
 public:
  virtual ~InboundHandler() = default;
  virtual void on_message(const store::InboundMessage& message) = 0;
};

}  // namespace jumbe::gateway
