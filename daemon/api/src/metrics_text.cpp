// Prometheus text exposition of the gateway (see metrics_text.hpp). Families are written whole
// (HELP, TYPE, then every sample) because the format forbids interleaving a family's samples
// with another's; queue depths for the three live states are always present (as 0) so a graph
// shows an empty queue rather than a gap.
#include "jumbe/api/metrics_text.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <utility>

namespace jumbe::api {

namespace {

class Writer {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    // HELP text escapes only backslash and line feed.
    for (char c : help) {
      if (c == '\\')
        out_ += "\\\\";
      else if (c == '\n')
        out_ += "\\n";
      else
        out_ += c;
    }
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
  }
  void sample(std::string_view name,
              std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
              double value) {
    out_ += name;
    if (labels.size() > 0) {
      out_ += '{';
      bool first = true;
      for (const auto& [k, v] : labels) {
        if (!first) out_ += ',';
        first = false;
        out_ += k;
        out_ += "=\"";
        out_ += prom_escape_label(v);
        out_ += '"';
      }
      out_ += '}';
    }
    out_ += ' ';
    out_ += prom_number(value);
    out_ += '\n';
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string prom_escape_label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string prom_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  // Exact integers (counters) print without an exponent up to 2^53.
  if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) {
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    return std::string(buf, p);
  }
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, p);
}

std::string prometheus_text(const MetricsSnapshot& s) {
  Writer w;

  w.family("jumbe_queue_depth", "gauge", "Outbound messages in the store by state and priority.");
  {
    std::map<std::pair<std::string, std::string>, std::int64_t> depth;
    for (const char* st : {"queued", "sending", "held"})
      for (const char* pr : {"emergency", "high", "normal", "bulk"})
        depth[{st, pr}] = 0;
    for (const auto& q : s.queue)
      depth[{q.state, q.priority}] += q.count;
    for (const auto& [key, n] : depth)
      w.sample("jumbe_queue_depth", {{"state", key.first}, {"priority", key.second}},
               static_cast<double>(n));
  }

  struct Counter {
    const char* name;
    const char* help;
    std::uint64_t gateway::ModemCounters::*field;
  };
  const Counter counters[] = {
      {"jumbe_messages_sent_total", "Messages whose every segment the network accepted.",
       &gateway::ModemCounters::sent},
      {"jumbe_messages_failed_total", "Send attempts that failed (any error class).",
       &gateway::ModemCounters::failed},
      {"jumbe_messages_delivered_total", "Status reports saying the message was delivered.",
       &gateway::ModemCounters::delivered},
  };
  for (const auto& c : counters) {
    w.family(c.name, "counter", c.help);
    for (const auto& m : s.gateway.modems)
      w.sample(c.name, {{"modem", m.modem}, {"operator", m.operator_name}},
               static_cast<double>(m.*c.field));
  }

  w.family("jumbe_inbound_messages_total", "counter",
           "Inbound messages complete (or released incomplete) since start.");
  w.sample("jumbe_inbound_messages_total", {}, static_cast<double>(s.gateway.inbound_messages));
  w.family("jumbe_inbound_parts_total", "counter", "Inbound message parts stored, by modem.");
  for (const auto& m : s.gateway.modems)
    w.sample("jumbe_inbound_parts_total", {{"modem", m.modem}}, static_cast<double>(m.received));

  w.family("jumbe_modem_signal_dbm", "gauge",
           "Received signal strength (TS 27.007 +CSQ) in dBm; absent while unknown.");
  for (const auto& m : s.modems)
    if (m.health.signal_dbm)
      w.sample("jumbe_modem_signal_dbm", {{"modem", m.name}},
               static_cast<double>(*m.health.signal_dbm));
  w.family("jumbe_modem_ready", "gauge", "1 when the modem is registered and takes sends.");
  for (const auto& m : s.modems)
    w.sample("jumbe_modem_ready", {{"modem", m.name}}, m.ready ? 1 : 0);

  const auto& h = s.gateway.send_latency;
  w.family("jumbe_send_latency_seconds", "histogram",
           "From handing a message to a modem until its send result.");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < h.bounds.size(); ++i) {
    cumulative += h.buckets[i];
    const auto le = prom_number(h.bounds[i]);
    w.sample("jumbe_send_latency_seconds_bucket", {{"le", le}}, static_cast<double>(cumulative));
  }
  // +Inf is _count: observations above the last bound are in count but in no finite bucket.
  w.sample("jumbe_send_latency_seconds_bucket", {{"le", "+Inf"}}, static_cast<double>(h.count));
  w.sample("jumbe_send_latency_seconds_sum", {}, h.sum);
  w.sample("jumbe_send_latency_seconds_count", {}, static_cast<double>(h.count));

  w.family("jumbe_uptime_seconds", "gauge", "Seconds since jumbed started.");
  w.sample("jumbe_uptime_seconds", {}, s.uptime_seconds);
  w.family("jumbe_build_info", "gauge", "Always 1; the version is in the label.");
  w.sample("jumbe_build_info", {{"version", s.version}}, 1);
  return w.take();
}

}  // namespace jumbe::api
