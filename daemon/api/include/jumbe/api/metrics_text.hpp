// GET /metrics: the gateway's counters, queue depths and modem views in the Prometheus text
// exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats: "# HELP" and
// "# TYPE" once per family, label values escaped \\ \" \n, histogram buckets cumulative ending in
// le="+Inf" equal to _count). Contract: pure; the route takes the snapshot on the loop.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/gateway/views.hpp"

namespace jumbe::api {

struct QueueDepthLine {
  std::string state;     // queued | sending | held | ...
  std::string priority;  // emergency | high | normal | bulk
  std::int64_t count = 0;
};

struct MetricsSnapshot {
  gateway::GatewayMetrics gateway;
  std::vector<QueueDepthLine> queue;  // missing (state, priority) pairs are exported as 0
  std::vector<gateway::ModemView> modems;
  double uptime_seconds = 0;
  std::string version;
};

// Content-Type of the result.
inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

std::string prometheus_text(const MetricsSnapshot& s);

// Label value escaping of the text format: backslash, double quote and line feed.
std::string prom_escape_label(std::string_view v);
// A sample value: integers without a fraction, others shortest round-trip, +Inf/-Inf/NaN.
std::string prom_number(double v);

}  // namespace jumbe::api
