// `jumbe send --wait` (see wait.hpp).
#include "wait.hpp"

#include <iostream>
#include <map>
#include <thread>

#include "exit_codes.hpp"
#include "jumbe/cli/api_error.hpp"
#include "jumbe/cli/table.hpp"

namespace jumbe::cli {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Tracked {
  std::string to;
  std::string state;
  Verdict verdict = Verdict::pending;
};

class Waiter {
 public:
  Waiter(const Daemon& d, const WaitOptions& o) : d_(d), o_(o) {
    if (o.timeout) deadline_ = Clock::now() + *o.timeout;
  }

  int run(const Submit& submit) {
    SseParser parser;
    int lost = 0;
    while (true) {
      Headers h;
      if (!parser.last_event_id().empty()) h.emplace_back("Last-Event-ID", parser.last_event_id());
      StreamHooks hooks;
      hooks.on_open = [&] { return submitted_ ? !all_done() : do_submit(submit); };
      hooks.on_event = [&](const SseEvent& ev) {
        lost = 0;
        on_event(ev);
        return !all_done() && !expired();
      };
      auto r = d_.http().stream("/v1/events?kinds=state,delivery", h, hooks, parser, idle());
      if (!submitted_) {
        if (submit_exit_ != exit_ok) return submit_exit_;
        if (!r) return d_.report(r.error());
        // No event stream here (a daemon without it, or a role that may not read it): submit
        // and poll the messages instead.
        if (!do_submit(submit)) return submit_exit_ != exit_ok ? submit_exit_ : finish();
        return poll();
      }
      if (all_done()) return finish();
      if (expired()) return timed_out();
      if (r && r->status != 200) {
        d_.error("the event stream failed (" + describe_api_error(r->status, r->body) +
                 "); polling instead");
        return poll();
      }
      if (!r && r.error().kind != TransportFailure::timeout) {
        // jumbed restarting: a minute of patience, then give up like any unreachable daemon.
        if (++lost > 60) return d_.report(r.error());
        if (lost == 1) d_.error(r.error().message + "; reconnecting");
        std::this_thread::sleep_for(std::chrono::seconds(1));
      }
      refresh();
      if (all_done()) return finish();
    }
  }

 private:
  bool do_submit(const Submit& submit) {
    auto r = submit();
    if (!r) {
      submit_exit_ = r.error();
      return false;
    }
    submitted_ = true;
    for (const auto& m : *r) {
      const std::int64_t id = num(m, "id", -1);
      if (id < 0) continue;
      if (o_.json) print_json_line(m);
      Tracked& t = msgs_[id];
      t.to = str(m, "to");
      set_state(id, t, str(m, "state", "queued"), str(m, "last_error"), nullptr);
    }
    return !all_done();
  }

  void on_event(const SseEvent& ev) {
    if (ev.event != "state" && ev.event != "delivery") return;
    const auto j = nlohmann::json::parse(ev.data, nullptr, false);
    const std::int64_t id = num(j, "subject", -1);
    const auto it = msgs_.find(id);
    if (it == msgs_.end()) return;
    const std::string state = str(j, "state");
    if (!state.empty()) set_state(id, it->second, state, str(j, "detail"), &j);
  }

  void set_state(std::int64_t id, Tracked& t, const std::string& state, const std::string& detail,
                 const nlohmann::json* event) {
    if (state == t.state || t.verdict != Verdict::pending) return;
    t.state = state;
    t.verdict = judge(state, o_.goal);
    if (o_.json) {
      if (event != nullptr) print_json_line(*event);
    } else {
      std::cout << "#" << id << " " << t.to << ": " << state;
      if (!detail.empty()) std::cout << " (" << terminal_safe(detail) << ")";
      if (state == "held")
        std::cout << "; parked for an operator, it may or may not have gone out: jumbe queue show "
                  << id;
      std::cout << std::endl;
    }
  }

  // Re-reads every pending message (after the stream dropped, or when polling).
  void refresh() {
    for (auto& [id, t] : msgs_) {
      if (t.verdict != Verdict::pending) continue;
      auto r = d_.http().request("GET", "/v1/messages/" + std::to_string(id), std::nullopt, {},
                                 request_timeout());
      if (!r || r->status != 200) continue;
      const auto j = nlohmann::json::parse(r->body, nullptr, false);
      const std::string state = str(j, "state");
      if (!state.empty()) set_state(id, t, state, str(j, "last_error"), nullptr);
    }
  }

  int poll() {
    while (!all_done()) {
      if (expired()) return timed_out();
      std::this_thread::sleep_for(milliseconds(500));
      refresh();
    }
    return finish();
  }

  bool all_done() const {
    for (const auto& [id, t] : msgs_)
      if (t.verdict == Verdict::pending) return false;
    return true;
  }
  bool expired() const { return deadline_ && Clock::now() >= *deadline_; }
  milliseconds idle() const {
    const milliseconds keepalive_gap{45000};  // three missed 15 s keepalives
    if (!deadline_) return keepalive_gap;
    const auto left = std::chrono::duration_cast<milliseconds>(*deadline_ - Clock::now());
    return std::max(milliseconds(10), std::min(keepalive_gap, left));
  }

  // A request never outlives --timeout.
  milliseconds request_timeout() const {
    const milliseconds normal{30000};
    if (!deadline_) return normal;
    const auto left = std::chrono::duration_cast<milliseconds>(*deadline_ - Clock::now());
    return std::max(milliseconds(100), std::min(normal, left));
  }

  int timed_out() const {
    for (const auto& [id, t] : msgs_)
      if (t.verdict == Verdict::pending)
        d_.error("#" + std::to_string(id) + " " + t.to + " is still " + t.state +
                 " after --timeout");
    return exit_failed;
  }

  int finish() const {
    int bad = 0;
    for (const auto& [id, t] : msgs_)
      if (t.verdict != Verdict::reached) ++bad;
    if (bad == 0) return exit_ok;
    const char* goal = o_.goal == WaitGoal::sent ? "sent" : "delivered";
    d_.error(std::to_string(bad) + " of " + std::to_string(msgs_.size()) +
             (msgs_.size() == 1 ? " message was not " : " messages were not ") + goal);
    return exit_failed;
  }

  const Daemon& d_;
  const WaitOptions& o_;
  std::optional<Clock::time_point> deadline_;
  std::map<std::int64_t, Tracked> msgs_;
  bool submitted_ = false;
  int submit_exit_ = exit_ok;
};

}  // namespace

int submit_and_wait(const Daemon& daemon, const Submit& submit, const WaitOptions& opts) {
  return Waiter(daemon, opts).run(submit);
}

}  // namespace jumbe::cli
