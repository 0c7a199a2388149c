// The outbound path: a modem claims as soon as the router lets it (on ready, on each recorded
// result, on new work), hands each claimed message to its driver, and records every segment's
// result. A modem holds at most its pipeline depth of messages between claim and recorded result:
// sized from measured latencies (router/pipeline.hpp) so the next claim commits while the modem
// still sends, and small enough that priority order holds within about two store round trips.
// A claim is durable before its AT+CMGS (the store's contract), so a crash leaves at most the
// pipeline's messages uncertain, never one the store thinks is queued.
#include <chrono>

#include "jumbe/gateway/gateway.hpp"
#include "jumbe/gateway/settings.hpp"
#include "jumbe/log/setup.hpp"
#include "runner.hpp"

namespace jumbe::gateway {

namespace {

router::AttemptOutcome to_router(modem::Outcome o) {
  switch (o) {
    case modem::Outcome::sent:
      return router::AttemptOutcome::sent;
    case modem::Outcome::retry_here_later:
      return router::AttemptOutcome::retry_here_later;
    case modem::Outcome::retry_elsewhere:
      return router::AttemptOutcome::retry_elsewhere;
    case modem::Outcome::permanent:
      return router::AttemptOutcome::permanent;
    case modem::Outcome::uncertain:
      return router::AttemptOutcome::uncertain;
  }
  return router::AttemptOutcome::retry_elsewhere;
}

std::optional<pdu::Encoding> to_pdu(store::Encoding e) {
  switch (e) {
    case store::Encoding::gsm7:
      return std::nullopt;  // GSM 7-bit when it fits, as planned
    case store::Encoding::ucs2:
      return pdu::Encoding::ucs2;
    case store::Encoding::eight_bit:
      return pdu::Encoding::eight_bit;
  }
  return std::nullopt;
}

// The AT engine's own queue: bulk SMS yields to health checks and USSD; the store already put
// emergency work first, so it needs no AT priority above normal.
at::Priority to_at(store::Priority p) {
  return p == store::Priority::bulk ? at::Priority::bulk : at::Priority::normal;
}

}  // namespace

void Gateway::work_added() {
  // Coalesced: one group commit completes many submissions at once, and one pump, one look at
  // the schedule and one wake of the listeners serve them all (each look is a store read).
  if (work_added_pending_) return;
  work_added_pending_ = true;
  std::weak_ptr<bool> alive = alive_;
  boost::asio::post(executor_, [this, alive] {
    if (alive.expired()) return;
    work_added_pending_ = false;
    pump_all();
    arm_ready_timer();  // the new work may be scheduled for later (not_before)
    changed();
  });
}

void Gateway::pump_all() {
  for (auto& [_, r] : runners_)
    pump(r);
}

void Gateway::pump(const std::shared_ptr<Runner>& r) {
  if (stopping_ || r->claiming || !r->modem || r->stopped) return;
  const auto t = now();
  const auto keys = router::calendar_keys(t);
  const auto& rs = router_.settings();
  router_.set_depth(r->cfg.name, router::pipeline_depth(r->send_ms.value, r->store_ms.value,
                                                        rs.depth, rs.max_depth));
  const router::Grant g = router_.grant(r->cfg.name, r->in_flight, t, keys);
  if (g.why != router::Blocked::pipeline_full || !r->blocked.empty()) {
    // Said once when a modem stops taking work, and once when it takes work again. (A full
    // pipeline is the busy normal case: no need to ask why.)
    const std::string why = router_.why(r->cfg.name, t, keys);
    if (why != r->blocked) {
      auto lg = log::get("router");
      if (why.empty())
        lg->info("modem {}: takes work", r->cfg.name);
      else if (g.why == router::Blocked::not_ready)
        lg->debug("modem {}: not ready", r->cfg.name);
      else
        lg->warn("modem {}: stops taking work: {}", r->cfg.name, why);
      r->blocked = why;
    }
  }
  if (g.limit <= 0) {
    if (g.until && *g.until > t) {
      r->wake.expires_after(std::chrono::milliseconds(*g.until - t));
      std::weak_ptr<bool> alive = alive_;
      r->wake.async_wait([this, alive, r](boost::system::error_code ec) {
        if (!ec && !alive.expired()) pump(r);
      });
    }
    return;
  }
  r->claiming = true;
  store::ClaimRequest req;
  req.modem = r->cfg.name;
  req.modem_operator = r->cfg.operator_name;
  req.limit = g.limit;
  req.now = t;
  req.lease_ms = options_.lease_ms;
  store_.claim(
      std::move(req),
      on_loop<std::vector<store::ClaimedMessage>>(
          [this, r, limit = g.limit, asked = std::chrono::steady_clock::now()](auto res) {
            r->claiming = false;
            r->store_ms.add(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked)
                    .count());
            if (!res) {
              log::get("router")->error("modem {}: claim: {}", r->cfg.name, res.error().message);
              return;
            }
            const bool full = static_cast<int>(res->size()) == limit;
            on_claimed(r, std::move(*res));
            if (full) pump(r);
          }));
}

void Gateway::release(const std::shared_ptr<Runner>& r) {
  --r->in_flight;
  pump(r);
}

void Gateway::on_claimed(const std::shared_ptr<Runner>& r,
                         std::vector<store::ClaimedMessage> msgs) {
  const auto t = now();
  auto lg = log::get("router");
  const auto& priv = log::privacy();
  for (auto& m : msgs) {
    ++r->in_flight;
    router_.claimed(r->cfg.name, m.segments, t);
    modem::SendRequest req;
    req.to = m.recipient;
    req.text = m.text;
    req.status_report = m.want_report;
    req.encoding = to_pdu(m.encoding);
    req.priority = to_at(m.priority);
    if (m.segments > 1) req.concat_ref = r->refs.next(m.recipient);
    lg->info("message {} ({}, {} segment{}) to {} -> modem {}{}", m.id,
             store::to_string(m.priority), m.segments, m.segments == 1 ? "" : "s",
             log::number(m.recipient, priv), r->cfg.name,
             m.uncertain ? " (again: may have gone out before)" : "");
    lg->debug("message {} text: {}", m.id, log::text(m.text, priv));
    std::weak_ptr<bool> alive = alive_;
    if (!r->modem || r->stopped) {
      // The driver went away between claim and hand-over: back to the queue at once.
      on_sent(r, m, modem::SendResult{modem::Outcome::retry_elsewhere, {}, "modem stopped"});
      continue;
    }
    ++r->handed;
    r->modem->send(std::move(req), [this, alive, r, m, handed = std::chrono::steady_clock::now()](
                                       modem::SendResult res) {
      if (alive.expired()) return;
      const auto done = std::chrono::steady_clock::now();
      metrics_.send_latency.observe(std::chrono::duration<double>(done - handed).count());
      // The modem's time per message: since the previous result when it went straight on from
      // that one, else since this message was handed over.
      const auto from = r->busy_since_last_result ? std::max(r->last_result, handed) : handed;
      r->send_ms.add(std::chrono::duration<double, std::milli>(done - from).count());
      --r->handed;
      r->last_result = done;
      r->busy_since_last_result = r->handed > 0;
      on_sent(r, m, res);
    });
  }
}

void Gateway::on_sent(const std::shared_ptr<Runner>& r, const store::ClaimedMessage& m,
                      const modem::SendResult& res) {
  const auto t = now();
  const auto keys = router::calendar_keys(t);
  auto lg = log::get("router");
  const std::string& name = r->cfg.name;
  int cost = 0;
  // The message leaves the pipeline once every write recording its result has committed, so the
  // depth also bounds what a crash can leave sent-but-unrecorded.
  int writes = 0;
  for (const auto& seg : res.segments)
    if (seg.status == modem::SegmentStatus::sent && seg.mr) ++writes;
  auto left = std::make_shared<int>(writes);
  const auto asked = std::chrono::steady_clock::now();
  for (const auto& seg : res.segments) {
    if (seg.status == modem::SegmentStatus::sent || seg.status == modem::SegmentStatus::uncertain)
      ++cost;
    if (seg.status != modem::SegmentStatus::sent || !seg.mr) continue;
    store::SegmentSent s{m.id, m.attempt, seg.seq, name, *seg.mr, t};
    store_.segment_sent(
        s, on_loop<store::State>([this, r, left, asked, lg,
                                  id = m.id](store::Result<store::State> st) {
          if (!st)
            lg->error("message {}: recording a sent segment: {}", id, st.error().message);
          else if (*st == store::State::sent)
            lg->info("message {} sent", id);
          if (--*left == 0) {
            r->store_ms.add(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked)
                    .count());
            release(r);
          }
        }));
  }
  router_.counted(name, cost, keys);
  count(name, [&](ModemCounters& c) {
    if (res.outcome == modem::Outcome::sent)
      ++c.sent;
    else if (res.outcome != modem::Outcome::uncertain)
      ++c.failed;
  });

  switch (res.outcome) {
    case modem::Outcome::sent:
      if (writes == 0) release(r);
      break;
    case modem::Outcome::uncertain: {
      // It may have reached the network: the configured store.uncertain policy applies now (the
      // same rule as after a crash): requeued marked uncertain, held for a human, or failed.
      lg->warn("message {} on modem {}: outcome uncertain ({}); store.uncertain decides", m.id,
               name, res.detail);
      store_.resolve_uncertain(
          m.id, name, t, uncertain_policy(cfg_.store),
          on_loop<store::State>([this, r, lg, writes, id = m.id](store::Result<store::State> st) {
            if (!st)
              lg->error("message {}: applying the uncertain policy: {}", id, st.error().message);
            else
              lg->warn("message {}: uncertain, now {}", id, store::to_string(*st));
            if (writes == 0) --r->in_flight;  // else the segment write releases
            pump_all();
          }));
      break;
    }
    default: {
      const auto d = router_.failed(name, to_router(res.outcome), res.detail, m.attempt, t);
      store::SendFailure f;
      f.message_id = m.id;
      f.modem = name;
      f.error_class = d.retry == router::Retry::never  ? store::ErrorClass::permanent
                      : d.retry == router::Retry::here ? store::ErrorClass::retry_here
                                                       : store::ErrorClass::retry_elsewhere;
      f.error = res.detail.empty() ? std::string(modem::to_string(res.outcome)) : res.detail;
      f.now = t;
      f.retry_after_ms = router_.settings().backoff.floor_ms;  // the store doubles per attempt
      f.avoid_ms = d.avoid_ms;
      if (stopping_ || r->stopped || !runners_.count(name)) {
        // The driver hands back its queued sends because we stopped it (SIGTERM, reload): not
        // the modem's fault, so no avoid-this-modem and no pause; the next claim (here after a
        // restart, or by another modem) takes them at once.
        f.error_class = store::ErrorClass::retry_here;
        f.retry_after_ms = 0;
        f.avoid_ms = 0;
      }
      f.max_attempts = router_.settings().backoff.max_attempts;
      lg->warn("message {} on modem {}: {} ({}){}", m.id, name, modem::to_string(res.outcome),
               f.error, d.final ? ": no more attempts" : "");
      store_.send_failed(f, on_loop<store::State>([this, r, lg, writes, id = m.id](auto st) {
                           if (!st)
                             lg->error("message {}: recording the failure: {}", id,
                                       st.error().message);
                           else if (*st == store::State::failed)
                             lg->warn("message {} failed for good", id);
                           if (writes == 0) --r->in_flight;  // else the segment write releases
                           pump_all();                       // another modem may take it now
                           arm_ready_timer();                // or this one, when its pause ends
                         }));
      break;
    }
  }
  status_soon();
}

void Gateway::submit(const Submission& s,
                     std::function<void(tl::expected<store::MessageId, std::string>)> done) {
  submit(s, std::function<void(tl::expected<SubmitResult, std::string>)>(
                [done = std::move(done)](tl::expected<SubmitResult, std::string> r) {
                  if (!r) return done(tl::unexpected(r.error()));
                  done(r->id);
                }));
}

void Gateway::submit(const Submission& s,
                     std::function<void(tl::expected<SubmitResult, std::string>)> done) {
  Submission parsed = s;
  if (!parsed.recipient) {
    auto to = numbers_.parse_recipient(s.to);
    if (!to) return done(tl::unexpected(to.error().message));
    parsed.recipient = std::move(*to);
  }
  const router::Preference pref = router_.prefer(parsed.recipient->operator_name);
  const auto t = now();
  auto req = make_request(parsed, numbers_, pref, t);
  if (!req) return done(tl::unexpected(req.error()));
  SubmitResult result;
  result.encoding = req->encoding;
  result.segments = req->segments;
  store_.enqueue(
      std::move(*req), t,
      on_loop<store::EnqueueResult>([this, result, done = std::move(done)](auto r) mutable {
        if (!r) return done(tl::unexpected(r.error().message));
        result.id = r->id;
        result.duplicate = r->duplicate;
        done(result);
        work_added();
      }));
}

}  // namespace jumbe::gateway
