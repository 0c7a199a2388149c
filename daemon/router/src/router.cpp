// The router's rules (see router.hpp). Each function answers one question from the slot's
// state; the gateway calls them on its event loop and acts on the answers.
#include "jumbe/router/router.hpp"

#include <algorithm>
#include <cctype>

namespace jumbe::router {

std::string_view to_string(Blocked b) {
  switch (b) {
    case Blocked::none:
      return "none";
    case Blocked::unknown_modem:
      return "unknown modem";
    case Blocked::no_send_role:
      return "no send role";
    case Blocked::not_ready:
      return "not ready";
    case Blocked::paused:
      return "paused";
    case Blocked::no_credit:
      return "no credit";
    case Blocked::daily_quota:
      return "daily quota used";
    case Blocked::monthly_quota:
      return "monthly quota used";
    case Blocked::rate_limited:
      return "rate limited";
    case Blocked::pipeline_full:
      return "pipeline full";
    case Blocked::stopping:
      return "stopping";
  }
  return "?";
}

Router::Slot* Router::find(std::string_view modem) {
  auto it = slots_.find(modem);
  return it == slots_.end() ? nullptr : &it->second;
}

const Router::Slot* Router::find(std::string_view modem) const {
  auto it = slots_.find(modem);
  return it == slots_.end() ? nullptr : &it->second;
}

void Router::configure(const std::vector<ModemPolicy>& modems, Millis now) {
  std::map<std::string, Slot, std::less<>> next;
  for (const auto& p : modems) {
    auto old = slots_.find(p.name);
    if (old != slots_.end()) {
      Slot s = std::move(old->second);
      s.policy = p;
      s.bucket.reconfigure(p.rate_per_second, p.burst, now);
      s.quota.set_limits(p.daily_quota, p.monthly_quota);
      next.emplace(p.name, std::move(s));
    } else {
      next.emplace(p.name, Slot{p,
                                TokenBucket(p.rate_per_second, p.burst, now),
                                Quota(p.daily_quota, p.monthly_quota),
                                false,
                                false,
                                {},
                                0,
                                0});
    }
  }
  slots_ = std::move(next);
}

void Router::set_depth(std::string_view modem, int depth) {
  if (auto* s = find(modem))
    s->depth = std::clamp(depth, settings_.depth, std::max(settings_.depth, settings_.max_depth));
}

bool Router::knows(std::string_view modem) const {
  return find(modem) != nullptr;
}

std::vector<std::string> Router::modems() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : slots_)
    out.push_back(name);
  return out;
}

void Router::set_ready(std::string_view modem, bool ready) {
  if (auto* s = find(modem)) s->ready = ready;
}

void Router::set_no_credit(std::string_view modem, bool no_credit, std::string reason) {
  if (auto* s = find(modem)) {
    s->no_credit = no_credit;
    s->credit_reason = no_credit ? std::move(reason) : std::string();
  }
}

Grant Router::grant(std::string_view modem, int in_flight, Millis now, CalendarKeys keys) {
  Slot* s = find(modem);
  if (!s) return {0, Blocked::unknown_modem, std::nullopt};
  if (stopping_) return {0, Blocked::stopping, std::nullopt};
  if (!s->policy.can_send) return {0, Blocked::no_send_role, std::nullopt};
  if (!s->ready) return {0, Blocked::not_ready, std::nullopt};
  if (s->no_credit) return {0, Blocked::no_credit, std::nullopt};
  switch (s->quota.state(keys)) {
    case QuotaState::daily_used:
      return {0, Blocked::daily_quota, std::nullopt};
    case QuotaState::monthly_used:
      return {0, Blocked::monthly_quota, std::nullopt};
    case QuotaState::ok:
      break;
  }
  if (now < s->paused_until) return {0, Blocked::paused, s->paused_until};
  const int room = (s->depth > 0 ? s->depth : settings_.depth) - in_flight;
  if (room <= 0) return {0, Blocked::pipeline_full, std::nullopt};
  const std::int64_t tokens = s->bucket.available(now);
  if (tokens <= 0) return {0, Blocked::rate_limited, s->bucket.next_token_at(now)};
  // Each claimed message takes at least one token; the quota bounds it the same way, less what
  // the pipeline already holds (counted only once its result is back). A message whose result
  // was counted but not yet recorded is subtracted twice for a moment: cautious, never over.
  const std::int64_t quota = static_cast<std::int64_t>(s->quota.remaining(keys)) - in_flight;
  if (quota <= 0) return {0, Blocked::pipeline_full, std::nullopt};
  const auto limit = std::min<std::int64_t>({room, tokens, quota});
  return {static_cast<int>(limit), Blocked::none, std::nullopt};
}

void Router::claimed(std::string_view modem, int segments, Millis now) {
  if (auto* s = find(modem)) s->bucket.take(std::max(1, segments), now);
}

void Router::counted(std::string_view modem, int segments, CalendarKeys keys) {
  if (auto* s = find(modem); s && segments > 0)
    s->quota.record(static_cast<std::uint32_t>(segments), keys);
}

void Router::restore_quota(std::string_view modem, std::uint32_t today, std::uint32_t month,
                           CalendarKeys keys) {
  if (auto* s = find(modem)) s->quota.restore(today, month, keys);
}

bool looks_like_no_credit(std::string_view detail) {
  std::string lower(detail);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Texts seen from Kenyan operators and modems: "insufficient funds/balance/credit",
  // Swahili "salio" (balance) lacking, and the generic "no credit".
  for (std::string_view needle :
       {"insufficient", "no credit", "low balance", "not enough credit", "salio"}) {
    if (lower.find(needle) != std::string::npos) return true;
  }
  return false;
}

FailureDecision Router::failed(std::string_view modem, AttemptOutcome outcome,
                               std::string_view detail, int attempt, Millis now) {
  FailureDecision d;
  const auto& b = settings_.backoff;
  d.retry_after_ms = retry_delay_ms(attempt, b);
  switch (outcome) {
    case AttemptOutcome::sent:
      d.retry = Retry::never;
      d.retry_after_ms = 0;
      return d;
    case AttemptOutcome::permanent:
      d.retry = Retry::never;
      d.final = true;
      d.retry_after_ms = 0;
      return d;
    case AttemptOutcome::retry_here_later: {
      // The modem is busy (+CMS 512 and friends): pause it, keep the message here.
      d.retry = Retry::here;
      const Millis until = now + std::max<std::int64_t>(settings_.busy_pause_ms, 0);
      d.modem_blocked = Blocked::paused;
      d.modem_until = until;
      if (auto* s = find(modem)) s->paused_until = std::max(s->paused_until, until);
      break;
    }
    case AttemptOutcome::retry_elsewhere:
    case AttemptOutcome::uncertain:
      // Uncertain attempts were counted by the driver; the message goes elsewhere so a modem that
      // times out does not keep it. Another modem is tried at once: the pause only applies here.
      d.retry = Retry::elsewhere;
      d.avoid_ms = settings_.avoid_ms;
      d.retry_after_ms = 0;
      if (looks_like_no_credit(detail)) {
        d.modem_blocked = Blocked::no_credit;
        set_no_credit(modem, true, std::string(detail));
      }
      break;
  }
  if (attempt >= b.max_attempts) d.final = true;
  return d;
}

Preference Router::prefer(std::string_view recipient_operator) const {
  if (recipient_operator.empty()) return {};
  for (const auto& [name, s] : slots_) {
    if (s.policy.operator_name == recipient_operator && s.policy.can_send && s.ready &&
        !s.no_credit)
      return {std::string(recipient_operator), settings_.operator_grace_ms};
  }
  return {};
}

std::string Router::why(std::string_view modem, Millis now, CalendarKeys keys) {
  Slot* s = find(modem);
  if (!s) return "unknown modem";
  Grant g = grant(modem, 0, now, keys);
  switch (g.why) {
    case Blocked::none:
    case Blocked::pipeline_full:
    case Blocked::rate_limited:  // short-lived: it takes work
      return {};
    case Blocked::no_credit:
      return s->credit_reason.empty() ? "no credit" : "no credit: " + s->credit_reason;
    case Blocked::daily_quota:
      return "daily quota " + std::to_string(s->policy.daily_quota) + " used";
    case Blocked::monthly_quota:
      return "monthly quota " + std::to_string(s->policy.monthly_quota) + " used";
    case Blocked::paused:
      return "paused for " + std::to_string((s->paused_until - now + 999) / 1000) +
             " s: modem busy";
    default:
      return std::string(to_string(g.why));
  }
}

}  // namespace jumbe::router
