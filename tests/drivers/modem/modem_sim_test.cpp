// The modem driver against jumbe-sim over a pty, per profile and per fault (issue 5, "Tests"):
// bring-up, single and multipart sends with TP-MRs, receive with commit-before-delete, status
// reports, USSD *144# and the *100# menu, CMS errors, garbage, silence, network loss, a refused
// PIN, and unplug/replug in the middle of a send.
#include <set>

#include "modem_harness.hpp"

namespace jumbe::modem::testing {
namespace {

using namespace std::chrono_literals;

class ModemSimProfile : public ::testing::TestWithParam<const char*> {};

TEST_P(ModemSimProfile, BringsUpSendsAndReceives) {
  ModemSimFixture f(GetParam());
  f.start(f.config());
  ASSERT_TRUE(f.until_ready()) << "state " << to_string(f.modem->state());
  EXPECT_EQ(f.modem->health().profile, GetParam()) << "matched from +CGMI/+CGMM";
  EXPECT_EQ(f.modem->health().imei.size(), 15u);
  EXPECT_EQ(f.modem->health().sim, at::SimState::ready);
  EXPECT_TRUE(f.rec.logged("modem[saf-1]{CONFIGURING}: CONFIG_OK -> REGISTERING"));
  EXPECT_TRUE(f.rec.logged("modem[saf-1]{REGISTERING}: NETWORK_UP -> REGISTERED"));

  const auto r = f.send_and_wait(message("Habari ya asubuhi"));
  EXPECT_EQ(r.outcome, Outcome::sent) << r.detail;
  ASSERT_EQ(r.segments.size(), 1u);
  EXPECT_TRUE(r.segments[0].mr.has_value());
  const auto sent = f.sim->request({{"cmd", "sent"}})["sent"];
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["text"], "Habari ya asubuhi");
  EXPECT_EQ(sent[0]["to"], "+254712345678");

  f.rec.auto_commit = true;
  ASSERT_TRUE(f.sim->request(
      {{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "JOIN LANET"}})["ok"]);
  ASSERT_TRUE(f.run_until([&] { return !f.rec.inbound.empty(); }));
  ASSERT_TRUE(f.rec.inbound[0].deliver.has_value()) << f.rec.inbound[0].decode_error;
  EXPECT_EQ(f.rec.inbound[0].deliver->text, "JOIN LANET");
  EXPECT_EQ(f.rec.inbound[0].deliver->sender.value, "+254722000111");
  EXPECT_TRUE(f.run_until([&] {
    return f.sim->request({{"cmd", "inbox"}})["messages"].empty();
  })) << "committed message deleted from the SIM";
}

INSTANTIATE_TEST_SUITE_P(Profiles, ModemSimProfile,
                         ::testing::Values("generic", "huawei", "simcom", "quectel"));

class ModemSim : public ::testing::Test {
 protected:
  void SetUp() override {
    f = std::make_unique<ModemSimFixture>();
    f->start(f->config());
    ASSERT_TRUE(f->until_ready());
  }
  std::unique_ptr<ModemSimFixture> f;
};

TEST_F(ModemSim, MultipartGetsOneMrPerSegment) {
  const auto r = f->send_and_wait(message(std::string(400, 'x')));
  EXPECT_EQ(r.outcome, Outcome::sent);
  ASSERT_EQ(r.segments.size(), 3u);
  EXPECT_NE(r.segments[0].mr, r.segments[1].mr);
  const auto sent = f->sim->request({{"cmd", "sent"}})["sent"];
  ASSERT_EQ(sent.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(sent[static_cast<std::size_t>(i)]["concat"]["seq"], i + 1);
    EXPECT_EQ(sent[static_cast<std::size_t>(i)]["mr"], *r.segments[static_cast<std::size_t>(i)].mr);
  }
}

TEST_F(ModemSim, UnicodeAndBadRecipient) {
  EXPECT_EQ(f->send_and_wait(message("Asante 🙏 Wanjiků")).outcome, Outcome::sent);
  const auto bad = f->send_and_wait(message("hi", "07x12"));
  EXPECT_EQ(bad.outcome, Outcome::permanent);
  EXPECT_NE(bad.detail.find("recipient"), std::string::npos) << bad.detail;
}

TEST_F(ModemSim, NothingDeletedBeforeCommit) {
  ASSERT_TRUE(f->sim->request(
      {{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "REPORT gari"}})["ok"]);
  ASSERT_TRUE(f->run_until([&] { return !f->rec.inbound.empty(); }));
  // Give the driver every chance to (wrongly) delete before committing.
  f->run_until([] { return false; }, 500ms);
  EXPECT_EQ(f->sim->request({{"cmd", "inbox"}})["messages"].size(), 1u);
  f->rec.inbound[0].commit();
  EXPECT_TRUE(f->run_until([&] {
    return f->sim->request({{"cmd", "inbox"}})["messages"].empty();
  }));
}

TEST_F(ModemSim, MessagesOnTheSimBeforeStartAreSwept) {
  f->modem->stop();
  f->run_until([&] { return f->modem->state() == State::stopped; });
  f->modem.reset();
  for (int i = 0; i < 3; ++i)
    f->sim->request(
        {{"cmd", "deliver"}, {"from", "+254733000222"}, {"text", "old " + std::to_string(i)}});
  f->rec.auto_commit = true;
  f->start(f->config());
  ASSERT_TRUE(f->run_until([&] { return f->rec.inbound.size() >= 3; }));
  EXPECT_TRUE(f->run_until([&] {
    return f->sim->request({{"cmd", "inbox"}})["messages"].empty();
  }));
}

TEST_F(ModemSim, StatusReportMatchesTheMr) {
  auto req = message("Code 4821");
  req.status_report = true;
  const auto r = f->send_and_wait(req);
  ASSERT_EQ(r.outcome, Outcome::sent);
  ASSERT_TRUE(
      f->sim->request({{"cmd", "status_report"}, {"mr", *r.segments[0].mr}, {"status", 0}})["ok"]);
  ASSERT_TRUE(f->run_until([&] { return !f->rec.reports.empty(); }));
  EXPECT_EQ(f->rec.reports[0].mr, *r.segments[0].mr);
  EXPECT_EQ(f->rec.reports[0].recipient, "+254712345678");
  EXPECT_EQ(f->rec.reports[0].status, 0);
}

TEST_F(ModemSim, UssdBalanceAndMenu) {
  const auto bal = f->ussd_and_wait("*144#");
  ASSERT_TRUE(bal.ok) << bal.error;
  EXPECT_NE(bal.text.find("Your balance is KES"), std::string::npos) << bal.text;
  const auto menu = f->ussd_and_wait("*100#");
  ASSERT_TRUE(menu.ok) << menu.error;
  EXPECT_TRUE(menu.session_open);
  EXPECT_NE(menu.text.find("1. My account"), std::string::npos) << menu.text;
  const auto sub = f->ussd_and_wait("2");
  ASSERT_TRUE(sub.ok) << sub.error;
  EXPECT_NE(sub.text.find("Buy bundles"), std::string::npos) << sub.text;
  const auto leaf = f->ussd_and_wait("1");
  ASSERT_TRUE(leaf.ok) << leaf.error;
  EXPECT_FALSE(leaf.session_open);
  EXPECT_NE(leaf.text.find("20 SMS"), std::string::npos) << leaf.text;
  const auto unknown = f->ussd_and_wait("*999#");
  EXPECT_FALSE(unknown.ok);
  EXPECT_EQ(unknown.status, 4);
}

TEST_F(ModemSim, NetworkInitiatedUssd) {
  ASSERT_TRUE(f->sim->request({{"cmd", "ussd_notify"}, {"text", "Bundle yako inaisha leo"}})["ok"]);
  ASSERT_TRUE(f->run_until([&] { return !f->rec.ussd.empty(); }));
  EXPECT_EQ(f->rec.ussd[0].text, "Bundle yako inaisha leo");
}

TEST_F(ModemSim, CmsErrorDoesNotBlockTheNextMessage) {
  ASSERT_TRUE(f->fault({{"kind", "cms_error"}, {"code", 38}, {"count", 1}})["ok"]);
  const auto bad = f->send_and_wait(message("one"));
  EXPECT_EQ(bad.outcome, Outcome::retry_elsewhere);
  EXPECT_NE(bad.detail.find("38"), std::string::npos);
  ASSERT_TRUE(f->fault({{"kind", "cms_error"}, {"code", 512}, {"count", 1}})["ok"]);
  EXPECT_EQ(f->send_and_wait(message("two")).outcome, Outcome::retry_here_later);
  EXPECT_EQ(f->send_and_wait(message("three")).outcome, Outcome::sent);
  EXPECT_EQ(f->modem->state(), State::registered);
}

TEST_F(ModemSim, CreditExhaustedIsRetryElsewhere) {
  ASSERT_TRUE(f->fault({{"kind", "credit"}, {"exhausted", true}})["ok"]);
  const auto r = f->send_and_wait(message("no airtime"));
  EXPECT_NE(r.outcome, Outcome::sent);
  EXPECT_NE(r.outcome, Outcome::permanent) << r.detail;
}

TEST_F(ModemSim, GarbageIsSurvived) {
  // Line noise before the next three answers (random bytes and truncated lines such as "+CM"):
  // a send may be refused by it (cleanly: not sent, try elsewhere), but nothing hangs and the
  // modem carries on. FIXME: noise ending in "OK" right before a "> " prompt can complete a
  // +CMGS early in drivers/at's engine; see the report.
  ASSERT_TRUE(f->fault({{"kind", "garbage"}, {"count", 3}})["ok"]);
  for (int i = 0; i < 3; ++i) {
    const auto r = f->send_and_wait(message("g" + std::to_string(i)));
    EXPECT_TRUE(r.outcome == Outcome::sent || r.outcome == Outcome::retry_elsewhere) << r.detail;
  }
  ASSERT_TRUE(f->run_until([&] { return f->modem->state() == State::registered; }, 60s));
  const auto r = f->send_and_wait(message("clean again"));
  EXPECT_EQ(r.outcome, Outcome::sent) << r.detail;
}

TEST(ModemSimSilence, SilenceLeadsToResetAndRecovery) {
  ModemSimFixture f;
  auto c = f.config();
  c.timeouts.plain = 2000ms;
  c.timeouts.sms_prompt = 2000ms;
  c.timeouts.recovery = 1000ms;
  f.start(c);
  ASSERT_TRUE(f.until_ready());
  ASSERT_TRUE(f.fault({{"kind", "no_answer"}, {"count", 4}})["ok"]);
  std::optional<SendResult> out;
  f.modem->send(message("into the void"), [&](SendResult r) { out = r; });
  ASSERT_TRUE(f.run_until([&] { return out.has_value(); }, 120s));
  // The prompt never came, so the PDU was never written: not sent, try another modem.
  EXPECT_EQ(out->outcome, Outcome::retry_elsewhere) << out->detail;
  ASSERT_TRUE(f.run_until(
      [&] {
        return f.modem->state() == State::registered && f.rec.logged("UNRESPONSIVE -> RESETTING");
      },
      120s));
  EXPECT_EQ(f.send_and_wait(message("back")).outcome, Outcome::sent);
}

TEST_F(ModemSim, NetworkLossAndReturn) {
  ASSERT_TRUE(f->fault({{"kind", "network"}, {"lost", true}, {"regain_after_ms", 1500}})["ok"]);
  ASSERT_TRUE(f->run_until([&] { return f->modem->state() == State::registering; }));
  const auto r = f->send_and_wait(message("while offline"));
  EXPECT_EQ(r.outcome, Outcome::retry_elsewhere);
  ASSERT_TRUE(f->run_until([&] { return f->modem->state() == State::registered; }));
  EXPECT_EQ(f->send_and_wait(message("online again")).outcome, Outcome::sent);
}

TEST_F(ModemSim, UnplugMidSendIsUncertainAndComesBack) {
  f->rec.auto_commit = false;
  ASSERT_TRUE(
      f->sim->request({{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "kept"}})["ok"]);
  ASSERT_TRUE(f->run_until([&] { return !f->rec.inbound.empty(); }));
  ASSERT_TRUE(f->sim->request({{"cmd", "set"}, {"send_latency_ms", 2000}})["ok"]);
  std::optional<SendResult> out;
  f->modem->send(message(std::string(300, 'u')), [&](SendResult r) { out = r; });
  f->run_until([] { return false; }, 300ms);  // first segment in flight
  ASSERT_TRUE(f->fault({{"kind", "unplug"}, {"replug_after_ms", 1000}})["ok"]);
  ASSERT_TRUE(f->run_until([&] { return out.has_value(); }));
  EXPECT_EQ(out->outcome, Outcome::uncertain) << out->detail;
  EXPECT_TRUE(f->rec.logged("PORT_LOST -> WAITING_PORT"));
  ASSERT_TRUE(f->sim->request({{"cmd", "set"}, {"send_latency_ms", 0}})["ok"]);
  ASSERT_TRUE(f->run_until([&] { return f->modem->state() == State::registered; }, 60s));
  // The uncommitted message is still on the SIM, and committing it now deletes it.
  EXPECT_EQ(f->sim->request({{"cmd", "inbox"}})["messages"].size(), 1u);
  f->rec.inbound[0].commit();
  EXPECT_TRUE(f->run_until([&] {
    return f->sim->request({{"cmd", "inbox"}})["messages"].empty();
  }));
  EXPECT_EQ(f->send_and_wait(message("after replug")).outcome, Outcome::sent);
}

TEST(ModemSimPin, RefusedPinIsSentOnceAndLocks) {
  ModemSimFixture f("generic", {"--pin", "4321"});
  auto c = f.config("tel-1");
  c.pin = "1111";
  f.start(c);
  ASSERT_TRUE(f.run_until([&] { return f.modem->state() == State::sim_locked; }));
  f.run_until([] { return false; }, 1s);
  EXPECT_EQ(f.modem->state(), State::sim_locked);
  EXPECT_NE(f.modem->health().last_error.find("PIN refused"), std::string::npos)
      << f.modem->health().last_error;
  EXPECT_EQ(f.rec.count_logged("INITIALISING}: SIM_REFUSED -> SIM_LOCKED"), 1u);
}

TEST(ModemSimPin, RightPinUnlocks) {
  ModemSimFixture f("generic", {"--pin", "4321"});
  auto c = f.config("tel-1");
  c.pin = "4321";
  f.start(c);
  EXPECT_TRUE(f.until_ready());
}

}  // namespace
}  // namespace jumbe::modem::testing

namespace jumbe::modem::testing {
namespace {

using namespace std::chrono_literals;

// A SIM found full of old messages (a weekend without a reader): everything is handed on, only
// committed slots are deleted, and the messages the network held back then arrive too.
TEST(ModemSimFull, FullSimIsDrainedWithoutLosingAnything) {
  ModemSimFixture f;
  ASSERT_TRUE(f.fault({{"kind", "sim_full"}, {"on", true}})["ok"]);
  for (int i = 0; i < 3; ++i)
    f.sim->request(
        {{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "held " + std::to_string(i)}});
  f.rec.auto_commit = true;
  auto c = f.config();
  c.overrides["sweep_interval_s"] = {"1"};  // config override of a profile flag
  f.start(c);
  ASSERT_TRUE(f.until_ready());
  auto texts = [&] {
    std::set<std::string> t;
    for (const auto& m : f.rec.inbound)
      if (m.deliver) t.insert(m.deliver->text);
    return t;
  };
  ASSERT_TRUE(f.run_until([&] { return texts().count("held 2") == 1; }, 60s));
  EXPECT_EQ(texts().count("held 0"), 1u);
  EXPECT_EQ(texts().count("held 1"), 1u);
  EXPECT_TRUE(f.run_until(
      [&] {
        return f.sim->request({{"cmd", "inbox"}})["messages"].empty();
      },
      30s));
}

// 10,000 messages through one zero-latency modem without a stall, while inbound messages arrive
// and a reader checks that none leaves the SIM before its commit callback fired.
TEST(ModemSimLoad, TenThousandMessagesAndNoEarlyDeletes) {
  ModemSimFixture f;
  f.start(f.config());
  ASSERT_TRUE(f.until_ready());
  constexpr int kMessages = 10000;
  int done = 0, sent = 0;
  for (int i = 0; i < kMessages; ++i) {
    SendRequest r = message("Tahadhari ya usalama nambari " + std::to_string(i));
    f.modem->send(r, [&](SendResult res) {
      ++done;
      sent += res.outcome == Outcome::sent;
    });
  }
  std::vector<InboundMessage> uncommitted;
  int delivered = 0, checked = 0;
  auto last_progress = std::chrono::steady_clock::now();
  int last_done = 0;
  while (done < kMessages) {
    if (delivered < 20 && done > delivered * 400) {
      f.sim->request({{"cmd", "deliver"},
                      {"from", "+254733000222"},
                      {"text", "in " + std::to_string(delivered)}});
      ++delivered;
    }
    f.run_until([] { return false; }, 5ms);
    // Every handed, uncommitted message is still on the SIM at its index.
    while (uncommitted.size() < f.rec.inbound.size())
      uncommitted.push_back(f.rec.inbound[uncommitted.size()]);
    if (!uncommitted.empty() && done % 1000 < 50) {
      const auto inbox = f.sim->request({{"cmd", "inbox"}})["messages"];
      for (const auto& m : uncommitted) {
        if (!m.commit) continue;
        bool present = false;
        for (const auto& e : inbox)
          present = present || e["index"] == m.index;
        EXPECT_TRUE(present) << "index " << m.index << " deleted before its commit";
        ++checked;
        m.commit();
      }
      for (auto& m : uncommitted)
        m.commit = nullptr;
    }
    if (done != last_done) {
      last_done = done;
      last_progress = std::chrono::steady_clock::now();
    }
    ASSERT_LT(std::chrono::steady_clock::now() - last_progress, 30s) << "stalled at " << done;
  }
  EXPECT_EQ(sent, kMessages);
  EXPECT_GT(checked, 0);
  EXPECT_EQ(f.modem->health().counters.segments_sent, static_cast<std::uint64_t>(kMessages));
}

}  // namespace
}  // namespace jumbe::modem::testing
