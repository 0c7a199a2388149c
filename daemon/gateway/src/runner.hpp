// One configured modem inside the gateway: its driver, how many claimed messages it holds, the
// timer that wakes it when the router said "not before", and for a modem named by IMEI or USB
// path the device found for it. Private to daemon/gateway.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "jumbe/config/config.hpp"
#include "jumbe/gateway/gateway.hpp"
#include "jumbe/modem/modem.hpp"
#include "jumbe/pdu/concat_refs.hpp"
#include "jumbe/router/pipeline.hpp"
#include "jumbe/store/asio_completion.hpp"

namespace jumbe::gateway {

struct Gateway::Runner {
  Runner(boost::asio::any_io_executor ex, config::ModemConfig c, std::uint16_t seed)
      : cfg(std::move(c)), wake(ex), relocate(ex), refs(seed) {}
  config::ModemConfig cfg;
  std::shared_ptr<modem::Modem> modem;
  int in_flight = 0;  // claimed, result not yet recorded in the store (what the depth bounds)
  int handed = 0;     // handed to the driver, result not yet back
  // Measured latencies that size the pipeline (router/pipeline.hpp): per message at the modem,
  // and per store round trip (claim, result commit).
  router::Ewma send_ms, store_ms;
  std::chrono::steady_clock::time_point last_result{};
  bool busy_since_last_result = false;  // the driver went straight on to the next message
  bool claiming = false;                // a claim is on its way to the store
  bool settled = false;                 // ready once, or gave up (SIM locked, port missing)
  bool stopped = false;                 // the driver's stop() finished
  bool was_ready = false;
  std::string blocked = "not ready";  // last "why" logged, so a reason is said once
  boost::asio::steady_timer wake;
  // Modems named by IMEI or USB path: the device found for them, the timer of the next search
  // while not found, and how many searches failed in a row (the retry backs off).
  std::string device;
  bool locating = false;
  int locate_failures = 0;
  boost::asio::steady_timer relocate;
  pdu::ConcatReferences refs;
  std::function<void()> after_stop;  // reload: start the replacement once the port is free
};

template <class T, class F>
store::Completion<T> Gateway::on_loop(F f) {
  ++pending_store_;
  std::weak_ptr<bool> alive = alive_;
  return store::post_to<T>(executor_, [this, alive, f = std::move(f)](store::Result<T> r) mutable {
    if (alive.expired()) return;
    --pending_store_;
    f(std::move(r));
    changed();
    check_stopped();
  });
}

}  // namespace jumbe::gateway
