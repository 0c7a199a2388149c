// Human renderings of gateway facts: signal strength with a verdict, counts with plurals, and the
// one-line broadcast progress (bar, counts, rate, ETA) that `jumbe broadcast --follow` redraws.
// Contract: pure functions of their arguments (no clock, no terminal queries), so tests pin the
// exact text. Signal verdicts follow the +CSQ dBm bands (3GPP TS 27.007 8.5 maps rssi 0..31 to
// -113..-51 dBm) as m2msupport.net's "Signal Quality" table labels them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace jumbe::cli {

// -67 -> "-67 dBm (excellent)", -80 -> "-80 dBm (good)", -90 -> "-90 dBm (fair)",
// -101 -> "-101 dBm (marginal)"; no value -> "-".
std::string signal_text(std::optional<int> dbm);

// 1 -> "1 segment", 3 -> "3 segments".
std::string plural(std::int64_t n, const std::string& singular, const std::string& plural_form);

// GET /v1/broadcasts/{id}, as the contract shapes it.
struct BroadcastProgress {
  std::int64_t id = 0;
  std::int64_t total = 0;
  std::int64_t queued = 0, sending = 0, sent = 0, delivered = 0, failed = 0, expired = 0,
               cancelled = 0, held = 0;
  bool done = false;
  double rate_per_minute = 0;
  std::optional<std::int64_t> eta_seconds;

  std::int64_t finished() const { return sent + delivered + failed + expired + cancelled; }
  std::int64_t unsuccessful() const { return failed + expired + cancelled; }
};
// Missing fields read as zero, so an older or newer daemon never breaks --follow.
BroadcastProgress broadcast_progress(const nlohmann::json& j);

// "[#########-----------]  45% 690/1532  sent 690 failed 3 queued 839  12.0/min  ETA 1h 10m"
// Without a bar (not a terminal): the same line without the bracketed part. `width` bounds the
// bar so the whole line fits a terminal of that many columns.
std::string progress_line(const BroadcastProgress& p, bool with_bar, std::size_t width = 80);

// One line for an event of the stream (the "data" JSON of kind inbound, state, delivery, modem,
// ussd or broadcast), without its time: "state    #123 +254712345678 sent (saf-1)". Unknown
// kinds still print their subject, state and detail.
std::string event_line(const std::string& kind, const nlohmann::json& data);

// "10:15:02" in local time for an API timestamp; "" when it is not one.
std::string clock_time(const std::string& rfc3339);

}  // namespace jumbe::cli
