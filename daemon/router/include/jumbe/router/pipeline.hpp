// How many messages one modem should hold between claim and recorded result: enough that the
// store's round trips (the claim of the next batch, the commit of each result) overlap the sends
// instead of stalling the modem, and no more, so a message of higher priority queued now waits
// behind about two store round trips of work, not behind a fixed pile. Contract: pure.
// Postfix qmgr's bounded active set, sized from measured latencies instead of a constant.
#pragma once

namespace jumbe::router {

// Exponentially weighted moving average; the first sample sets it.
struct Ewma {
  double value = 0;
  bool primed = false;
  void add(double sample, double weight = 0.2) {
    value = primed ? value + weight * (sample - value) : sample;
    primed = true;
  }
};

// `send_ms`: how long the modem takes per message; `store_ms`: one store round trip (claim or
// result commit). Both must fit into the messages still queued at the modem, twice over so a
// claim can fetch a batch: 2 * ceil(2 * store / send), clamped to [min_depth, max_depth].
// Unknown latencies (<= 0) give min_depth.
int pipeline_depth(double send_ms, double store_ms, int min_depth, int max_depth);

}  // namespace jumbe::router
