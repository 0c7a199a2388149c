// Human renderings (see human.hpp).
#include "jumbe/cli/human.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "jumbe/cli/duration.hpp"
#include "jumbe/cli/table.hpp"

namespace jumbe::cli {

std::string signal_text(std::optional<int> dbm) {
  if (!dbm) return "-";
  // Bands of m2msupport.net "Signal Quality" (+CSQ 20..31 excellent, 15..19 good, 10..14 OK,
  // 2..9 marginal), in dBm.
  const char* verdict = *dbm >= -73   ? "excellent"
                        : *dbm >= -83 ? "good"
                        : *dbm >= -93 ? "fair"
                                      : "marginal";
  return std::to_string(*dbm) + " dBm (" + verdict + ")";
}

std::string plural(std::int64_t n, const std::string& singular, const std::string& plural_form) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural_form);
}

BroadcastProgress broadcast_progress(const nlohmann::json& j) {
  BroadcastProgress p;
  auto num = [](const nlohmann::json& o, const char* k) -> std::int64_t {
    if (!o.is_object()) return 0;
    const auto it = o.find(k);
    return it != o.end() && it->is_number() ? it->get<std::int64_t>() : 0;
  };
  p.id = num(j, "id");
  p.total = num(j, "total");
  const nlohmann::json empty = nlohmann::json::object();
  const auto& c = j.is_object() && j.contains("counts") ? j["counts"] : empty;
  p.queued = num(c, "queued");
  p.sending = num(c, "sending");
  p.sent = num(c, "sent");
  p.delivered = num(c, "delivered");
  p.failed = num(c, "failed");
  p.expired = num(c, "expired");
  p.cancelled = num(c, "cancelled");
  p.held = num(c, "held");
  if (j.is_object()) {
    p.done = j.value("done", false);
    if (j.contains("rate_per_minute") && j["rate_per_minute"].is_number())
      p.rate_per_minute = j["rate_per_minute"].get<double>();
    if (j.contains("eta_seconds") && j["eta_seconds"].is_number())
      p.eta_seconds = j["eta_seconds"].get<std::int64_t>();
  }
  return p;
}

std::string progress_line(const BroadcastProgress& p, bool with_bar, std::size_t width) {
  const std::int64_t fin = p.finished();
  const int pct = p.total > 0 ? static_cast<int>(std::floor(100.0 * static_cast<double>(fin) /
                                                            static_cast<double>(p.total)))
                              : (p.done ? 100 : 0);
  std::string tail;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%3d%% %lld/%lld", pct, static_cast<long long>(fin),
                static_cast<long long>(p.total));
  tail += buf;
  auto add = [&tail](const char* label, std::int64_t n, bool always = false) {
    if (n == 0 && !always) return;
    tail += "  ";
    tail += label;
    tail += ' ';
    tail += std::to_string(n);
  };
  add("sent", p.sent + p.delivered, true);
  add("delivered", p.delivered);
  add("failed", p.failed);
  add("expired", p.expired);
  add("cancelled", p.cancelled);
  add("held", p.held);
  add("queued", p.queued + p.sending);
  std::snprintf(buf, sizeof buf, "  %.1f/min", p.rate_per_minute);
  tail += buf;
  if (p.done)
    tail += "  done";
  else if (p.eta_seconds)
    tail += "  ETA " + format_duration(*p.eta_seconds);
  if (!with_bar) return tail;
  // The bar takes what is left of the line, between 10 and 40 cells.
  const std::size_t room = width > tail.size() + 4 ? width - tail.size() - 4 : 0;
  const std::size_t cells = room < 10 ? 10 : room > 40 ? 40 : room;
  const auto filled = static_cast<std::size_t>(pct < 0 ? 0 : pct > 100 ? 100 : pct) * cells / 100;
  return "[" + std::string(filled, '#') + std::string(cells - filled, '-') + "] " + tail;
}

namespace {
std::string field(const nlohmann::json& j, const char* k) {
  if (!j.is_object() || !j.contains(k) || j[k].is_null()) return {};
  return j[k].is_string() ? j[k].get<std::string>() : j[k].dump();
}
}  // namespace

std::string event_line(const std::string& kind, const nlohmann::json& d) {
  const std::string subject = field(d, "subject");
  const std::string state = field(d, "state");
  const std::string detail = field(d, "detail");
  std::string label = kind;
  if (label.size() < 9) label.append(9 - label.size(), ' ');
  std::string out = label;
  if (kind == "inbound") {
    out += "#" + subject + " from " + field(d, "from");
    if (const auto m = field(d, "modem"); !m.empty()) out += " via " + m;
    out += ": " + field(d, "text");
  } else if (kind == "state" || kind == "delivery") {
    out += "#" + subject;
    if (const auto to = field(d, "to"); !to.empty()) out += " " + to;
    out += " " + state;
    if (!detail.empty()) out += " (" + detail + ")";
    if (const auto ref = field(d, "client_ref"); !ref.empty()) out += " ref=" + ref;
  } else {
    // modem, ussd, broadcast and kinds newer than this CLI.
    if (!subject.empty() && subject != "0") out += "#" + subject + " ";
    out += state;
    if (!detail.empty()) out += state.empty() ? detail : ": " + detail;
    if (const auto t = field(d, "text"); !t.empty()) out += " " + t;
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return terminal_safe(out);
}

std::string clock_time(const std::string& rfc3339) {
  const auto ms = parse_rfc3339_ms(rfc3339);
  if (!ms) return {};
  const std::time_t t = static_cast<std::time_t>(*ms / 1000);
  std::tm tm{};
  if (::localtime_r(&t, &tm) == nullptr) return {};
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

}  // namespace jumbe::cli
