// The AT engine with a fake clock: scripts of what the modem would send, checks of what the
// engine writes and reports. Modem lines are modelled on SIMCom SIM800 / Huawei E173 sessions.
#include "jumbe/at/engine.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace jumbe::at {
namespace {

using namespace std::chrono_literals;

struct Harness {
  Engine engine;
  Engine::TimePoint now{};
  std::vector<std::string> writes;
  std::vector<out::Completed> done;
  std::vector<Urc> urcs;
  std::vector<std::string> discarded;
  int unresponsive = 0;
  int recovered = 0;
  int garbage = 0;

  explicit Harness(EngineConfig config = {}) : engine(std::move(config)) {}

  void collect() {
    for (auto& o : engine.take_outputs()) {
      if (auto* w = std::get_if<out::Write>(&o)) writes.push_back(w->bytes);
      if (auto* c = std::get_if<out::Completed>(&o)) done.push_back(std::move(*c));
      if (auto* u = std::get_if<out::Unsolicited>(&o)) urcs.push_back(u->urc);
      if (auto* d = std::get_if<out::Discarded>(&o)) discarded.push_back(d->line);
      if (std::holds_alternative<out::Unresponsive>(o)) ++unresponsive;
      if (std::holds_alternative<out::Recovered>(o)) ++recovered;
      if (std::holds_alternative<out::Garbage>(o)) ++garbage;
    }
  }
  CommandId submit(Command c) {
    const auto id = engine.submit(std::move(c), now);
    collect();
    return id;
  }
  void reply(std::string_view bytes) {
    engine.on_bytes(bytes, now);
    collect();
  }
  void advance(Duration d) {
    now += d;
    engine.on_tick(now);
    collect();
  }
};

TEST(AtEngine, EchoOnReplyCollected) {
  Harness h;
  h.submit(plain_command("AT+CSQ"));
  ASSERT_EQ(h.writes, std::vector<std::string>{"AT+CSQ\r"});
  h.reply("AT+CSQ\r\r\n+CSQ: 17,99\r\n\r\nOK\r\n");
  ASSERT_EQ(h.done.size(), 1u);
  ASSERT_TRUE(h.done[0].result);
  EXPECT_TRUE(h.done[0].result->final.is_ok());
  EXPECT_EQ(h.done[0].result->lines, std::vector<std::string>{"+CSQ: 17,99"});
  EXPECT_EQ(h.engine.state(), Engine::State::idle);
  EXPECT_FALSE(h.engine.next_deadline());
}

TEST(AtEngine, EchoOffAndErrorFinal) {
  Harness h;
  h.submit(plain_command("AT+CPIN?"));
  h.reply("\r\n+CME ERROR: 10\r\n");
  ASSERT_EQ(h.done.size(), 1u);
  ASSERT_TRUE(h.done[0].result);
  EXPECT_EQ(h.done[0].result->final.kind, FinalResult::Kind::cme_error);
  EXPECT_EQ(h.done[0].result->final.error->code, 10);
}

TEST(AtEngine, UrcInTheMiddleOfAReplyIsSeparated) {
  Harness h;
  h.submit(plain_command("AT+CSQ"));
  h.reply("\r\n+CSQ: 17,99\r\n\r\n+CMTI: \"SM\",3\r\n\r\nOK\r\n");
  ASSERT_EQ(h.urcs.size(), 1u);
  EXPECT_EQ(h.urcs[0].name, "cmti");
  EXPECT_EQ(h.done.at(0).result->lines, std::vector<std::string>{"+CSQ: 17,99"});
}

TEST(AtEngine, CregQueryReplyVersusCregUrc) {
  Harness h;
  h.submit(plain_command("AT+CREG?"));
  h.reply("\r\n+CREG: 0,1\r\n\r\nOK\r\n");
  EXPECT_TRUE(h.urcs.empty());
  EXPECT_EQ(h.done.at(0).result->lines, std::vector<std::string>{"+CREG: 0,1"});
  h.submit(plain_command("AT+CSQ"));
  h.reply("\r\n+CREG: 5\r\n\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
  ASSERT_EQ(h.urcs.size(), 1u);
  EXPECT_EQ(h.urcs[0].line, "+CREG: 5");
}

TEST(AtEngine, CusdBeforeOkIsUnsolicitedButQueryIsAReply) {
  Harness h;
  h.submit(Command{"AT+CUSD=1,\"*144#\",15", CommandKind::ussd, Priority::ussd, {}, {}});
  // Quirk: some Huawei firmware puts the network's answer before the OK of the request.
  h.reply("\r\n+CUSD: 0,\"Bal: KSh 12.50\",15\r\n\r\nOK\r\n");
  ASSERT_EQ(h.urcs.size(), 1u);
  EXPECT_EQ(h.urcs[0].name, "cusd");
  EXPECT_TRUE(h.done.at(0).result->lines.empty());
  h.submit(plain_command("AT+CUSD?"));
  h.reply("\r\n+CUSD: 1\r\n\r\nOK\r\n");
  EXPECT_EQ(h.urcs.size(), 1u);
  EXPECT_EQ(h.done.at(1).result->lines, std::vector<std::string>{"+CUSD: 1"});
}

TEST(AtEngine, CusdBetweenCmgrHeaderAndPduLeavesTheReadIntact) {
  // Seen in other gateways' field reports: the network's USSD answer lands between the +CMGR
  // header and its PDU line. The read must still get header + PDU.
  Harness h;
  h.submit(Command{"AT+CMGR=3", CommandKind::sms_list, Priority::normal, {}, {}});
  h.reply(
      "\r\n+CMGR: 0,,24\r\n+CUSD: 0,\"0053006F\",72\r\n"
      "0791527402001005040C91527421436587000052113021543280044F7A1D0E\r\n\r\nOK\r\n");
  ASSERT_EQ(h.urcs.size(), 1u);
  EXPECT_EQ(h.urcs[0].name, "cusd");
  ASSERT_EQ(h.done.size(), 1u);
  ASSERT_EQ(h.done[0].result->lines.size(), 2u);
  EXPECT_EQ(h.done[0].result->lines[0], "+CMGR: 0,,24");
}

TEST(AtEngine, MultiLineCusdMenuIsOneUrcWhateverIsInFlight) {
  // Text-mode USSD menus keep their line breaks inside the quotes. Each row: what is in flight
  // (if anything) and the bytes as the modem sent them; the menu must come out as one +CUSD and
  // the command in flight must get only its own lines.
  const std::string menu = "+CUSD: 1,\"Safaricom\n1. My account\n2. Buy bundles\",15";
  struct Row {
    const char* name;
    std::optional<std::string> in_flight;
    std::vector<std::string> chunks;
    std::vector<std::string> reply_lines;
  };
  const std::vector<Row> rows = {
      {"idle, one read",
       std::nullopt,
       {"\r\n+CUSD: 1,\"Safaricom\r\n1. My account\r\n2. Buy bundles\",15\r\n"},
       {}},
      {"idle, LF-only breaks split across reads",
       std::nullopt,
       {"\r\n+CUSD: 1,\"Safaricom\n1. My acc", "ount\n2. Buy bundles\",15\r\n"},
       {}},
      {"during a health poll",
       "AT+CSQ",
       {"\r\n+CUSD: 1,\"Safaricom\n1. My account\n2. Buy bundles\",15\r\n",
        "\r\n+CSQ: 17,99\r\n\r\nOK\r\n"},
       {"+CSQ: 17,99"}},
      {"menu between the reply and its OK",
       "AT+CSQ",
       {"\r\n+CSQ: 17,99\r\n+CUSD: 1,\"Safaricom\n1. My account\n2. Buy bundles\",15\r\n"
        "\r\nOK\r\n"},
       {"+CSQ: 17,99"}},
      {"before the request's own OK (Huawei)",
       "AT+CUSD=1,\"*100#\",15",
       {"\r\n+CUSD: 1,\"Safaricom\n1. My account\n2. Buy bundles\",15\r\n\r\nOK\r\n"},
       {}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    Harness h;
    if (row.in_flight) h.submit(plain_command(*row.in_flight));
    for (const auto& c : row.chunks)
      h.reply(c);
    ASSERT_EQ(h.urcs.size(), 1u);
    EXPECT_EQ(h.urcs[0].name, "cusd");
    EXPECT_EQ(h.urcs[0].line, menu);
    if (row.in_flight) {
      ASSERT_EQ(h.done.size(), 1u);
      EXPECT_EQ(h.done[0].result->lines, row.reply_lines);
    }
    EXPECT_TRUE(h.discarded.empty());
  }
}

TEST(AtEngine, UssdReplyThenNextCommandInTheSameRead) {
  // The OK of AT+CUSD=1 starts the queued AT+CSQ at once; the menu arriving in the same read must
  // not become part of AT+CSQ's reply.
  Harness h;
  h.submit(Command{"AT+CUSD=1,\"*100#\",15", CommandKind::ussd, Priority::ussd, {}, {}});
  h.submit(plain_command("AT+CSQ"));
  h.reply("\r\nOK\r\n\r\n+CUSD: 1,\"Menu\n1. Balance\n2. Buy\",15\r\n");
  h.reply("\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
  ASSERT_EQ(h.urcs.size(), 1u);
  EXPECT_EQ(h.urcs[0].line, "+CUSD: 1,\"Menu\n1. Balance\n2. Buy\",15");
  ASSERT_EQ(h.done.size(), 2u);
  EXPECT_EQ(h.done[1].result->lines, std::vector<std::string>{"+CSQ: 20,0"});
}

TEST(AtEngine, CusdThatNeverClosesItsQuoteDoesNotEatTheFinalResult) {
  Harness h;
  h.submit(plain_command("AT+CSQ"));
  h.reply("\r\n+CUSD: 1,\"Menu\r\n1. Balance\r\n+CSQ: 20,0\r\nOK\r\n");
  ASSERT_EQ(h.done.size(), 1u);
  EXPECT_TRUE(h.done[0].result->final.is_ok());
  ASSERT_EQ(h.urcs.size(), 1u);
  EXPECT_TRUE(h.urcs[0].line.starts_with("+CUSD: 1,\"Menu\n1. Balance"));
  // An SMS indication after a lost closing quote is still an SMS indication.
  Harness sms;
  sms.reply("\r\n+CUSD: 1,\"Menu\r\n1. Balance\r\n+CMTI: \"SM\",4\r\n");
  ASSERT_EQ(sms.urcs.size(), 2u);
  EXPECT_EQ(sms.urcs[0].name, "cusd");
  EXPECT_EQ(sms.urcs[1].name, "cmti");
  EXPECT_EQ(sms.urcs[1].line, "+CMTI: \"SM\",4");
  // A runaway open quote is cut after a bounded number of lines.
  Harness idle;
  idle.reply("\r\n+CUSD: 1,\"never closed\r\n");
  for (int i = 0; i < 100; ++i)
    idle.reply("line\r\n");
  EXPECT_GE(idle.urcs.size(), 2u);
  EXPECT_EQ(idle.urcs[0].name, "cusd");
}

TEST(AtEngine, TwoLineUrcs) {
  Harness h;
  h.reply("\r\n+CMT: ,24\r\n0791527402001005040C91527421436587000052113021543280044F7A1D0E\r\n");
  h.reply(
      "\r\n+CDS: 25\r\n07915274020010050006B20C915274214365871211302154328012113021543280000\r\n");
  h.reply(
      "\r\n+CDS: "
      "6,178,\"+254712345678\",145,\"21/11/30,12:45:23+12\",\"21/11/30,12:45:24+12\",0\r\n");
  ASSERT_EQ(h.urcs.size(), 3u);
  EXPECT_EQ(h.urcs[0].name, "cmt");
  EXPECT_EQ(h.urcs[0].body.substr(0, 6), "079152");
  EXPECT_EQ(h.urcs[1].name, "cds");
  EXPECT_FALSE(h.urcs[1].body.empty());
  EXPECT_TRUE(h.urcs[2].body.empty());  // text mode +CDS is one line
}

TEST(AtEngine, CmtSecondLineArrivingInsideACommandReply) {
  Harness h;
  h.submit(plain_command("AT+CSQ"));
  h.reply(
      "\r\n+CMT: ,24\r\n0791527402001005040C91527421436587000052113021543280044F7A1D0E\r\n"
      "\r\n+CSQ: 12,0\r\n\r\nOK\r\n");
  ASSERT_EQ(h.urcs.size(), 1u);
  EXPECT_EQ(h.done.at(0).result->lines, std::vector<std::string>{"+CSQ: 12,0"});
}

TEST(AtEngine, CmgsTwoPhaseExchange) {
  Harness h;
  const std::string pdu = "0011000C915274214365870000AA04D4F29C0E";
  h.submit(cmgs_command(18, pdu));
  ASSERT_EQ(h.writes, std::vector<std::string>{"AT+CMGS=18\r"});
  EXPECT_EQ(h.engine.state(), Engine::State::awaiting_prompt);
  h.reply("AT+CMGS=18\r\r\n> ");
  ASSERT_EQ(h.writes.size(), 2u);
  EXPECT_EQ(h.writes[1], pdu + "\x1a");
  // ATE1: the PDU is echoed, then the result after the network answered.
  h.reply(pdu + "\x1a\r\n\r\n+CMGS: 12\r\n\r\nOK\r\n");
  ASSERT_EQ(h.done.size(), 1u);
  EXPECT_TRUE(h.done[0].result->final.is_ok());
  EXPECT_EQ(h.done[0].result->lines, std::vector<std::string>{"+CMGS: 12"});
}

TEST(AtEngine, CmgsRefusedBeforeThePrompt) {
  Harness h;
  h.submit(cmgs_command(18, "00"));
  h.reply("\r\n+CMS ERROR: 304\r\n");
  ASSERT_EQ(h.done.size(), 1u);
  EXPECT_EQ(h.done[0].result->final.kind, FinalResult::Kind::cms_error);
  EXPECT_EQ(h.writes.size(), 1u);  // the PDU was never written
}

TEST(AtEngine, CmgsIgnoresNoiseOkBeforeThePrompt) {
  // Seen with jumbe-sim's garbage fault: noise that ends in "OK" lands just before the "> ".
  // Taken as the final result it would report an SMS as sent whose PDU was never written.
  Harness h;
  const std::string pdu = "0011000C915274214365870000AA04D4F29C0E";
  h.submit(cmgs_command(18, pdu));
  h.reply("\r\nOK\r\n");
  EXPECT_TRUE(h.done.empty());
  EXPECT_EQ(h.engine.state(), Engine::State::awaiting_prompt);
  h.reply("\r\n> ");
  ASSERT_EQ(h.writes.size(), 2u);
  EXPECT_EQ(h.writes[1], pdu + "\x1a");
  h.reply("\r\n+CMGS: 7\r\n\r\nOK\r\n");
  ASSERT_EQ(h.done.size(), 1u);
  EXPECT_EQ(h.done[0].result->lines, std::vector<std::string>{"+CMGS: 7"});
}

TEST(AtEngine, ErrorsSayWhetherThePduWasWritten) {
  Harness before;  // no prompt: nothing left the modem
  before.submit(cmgs_command(18, "00"));
  before.advance(10s);
  ASSERT_EQ(before.done.size(), 1u);
  EXPECT_FALSE(before.done[0].result.error().payload_written);

  Harness after;  // prompt came, PDU written, then silence: the SMSC may have it
  after.submit(cmgs_command(18, "00"));
  after.reply("\r\n> ");
  after.engine.cancel_all("port closed");
  after.collect();
  ASSERT_EQ(after.done.size(), 1u);
  EXPECT_TRUE(after.done[0].result.error().payload_written);
}

TEST(AtEngine, PriorityOrderUrgentUssdNormalBulk) {
  Harness h;
  h.submit(Command{"AT+CMGS=1", CommandKind::plain, Priority::bulk, {}, {}});  // in flight
  h.submit(Command{"AT+B", CommandKind::plain, Priority::bulk, {}, {}});
  h.submit(Command{"AT+N", CommandKind::plain, Priority::normal, {}, {}});
  h.submit(Command{"AT+U", CommandKind::ussd, Priority::ussd, {}, {}});
  h.submit(Command{"AT+H", CommandKind::plain, Priority::urgent, {}, {}});
  EXPECT_EQ(h.engine.queued(), 4u);
  for (int i = 0; i < 5; ++i)
    h.reply("\r\nOK\r\n");
  EXPECT_EQ(h.writes,
            (std::vector<std::string>{"AT+CMGS=1\r", "AT+H\r", "AT+U\r", "AT+N\r", "AT+B\r"}));
}

TEST(AtEngine, TimeoutThenLateReplyNeverAnswersTheNextCommand) {
  Harness h;
  h.submit(plain_command("AT+COPS?"));
  h.submit(plain_command("AT+CSQ"));
  h.advance(4999ms);
  EXPECT_TRUE(h.done.empty());
  h.advance(1ms);
  ASSERT_EQ(h.done.size(), 1u);
  ASSERT_FALSE(h.done[0].result);
  EXPECT_EQ(h.done[0].result.error().kind, CommandError::Kind::timeout);
  EXPECT_EQ(h.writes, (std::vector<std::string>{"AT+COPS?\r", "\x1b", "AT\r"}));
  // The late reply of +COPS?, then the OK of our AT, and an SMS indication in between.
  h.reply("\r\n+COPS: 0,0,\"Safaricom\",2\r\n\r\nOK\r\n");
  EXPECT_EQ(h.engine.state(), Engine::State::settling);
  EXPECT_EQ(h.writes.size(), 3u);  // AT+CSQ waits: that OK may have been the late one
  h.reply("\r\n+CMTI: \"SM\",4\r\n\r\nOK\r\n");
  ASSERT_EQ(h.urcs.size(), 1u);  // +CMTI kept, the late +COPS line is not a URC
  EXPECT_EQ(h.urcs[0].name, "cmti");
  // Both owed finals (the old command's and our AT's) have come: the line is clean at once.
  EXPECT_EQ(h.recovered, 1);
  ASSERT_EQ(h.writes.back(), "AT+CSQ\r");
  h.reply("\r\n+CSQ: 21,0\r\n\r\nOK\r\n");
  ASSERT_EQ(h.done.size(), 2u);
  EXPECT_EQ(h.done[1].result->lines, std::vector<std::string>{"+CSQ: 21,0"});
  EXPECT_EQ(h.engine.consecutive_timeouts(), 0);
}

TEST(AtEngine, SingleOkAfterTimeoutWaitsTheSettleTime) {
  Harness h;
  h.submit(plain_command("AT+CSQ"));
  h.submit(plain_command("AT+CGMM"));
  h.advance(5s);
  h.reply("\r\nOK\r\n");
  EXPECT_EQ(h.engine.state(), Engine::State::settling);
  h.advance(100ms);
  h.reply("\r\n+CSQ: 9,0\r\n");  // the old command's answer, late but inside the settle time
  EXPECT_EQ(h.discarded, std::vector<std::string>{"+CSQ: 9,0"});
  h.advance(100ms);
  EXPECT_EQ(h.recovered, 1);
  EXPECT_EQ(h.writes.back(), "AT+CGMM\r");
}

TEST(AtEngine, ConsecutiveTimeoutsEscalateOnce) {
  Harness h;
  h.submit(plain_command("AT+CSQ"));
  h.advance(5s);  // command timeout: 1
  h.advance(3s);  // recovery AT timeout: 2
  EXPECT_EQ(h.unresponsive, 0);
  h.advance(3s);  // 3
  EXPECT_EQ(h.unresponsive, 1);
  h.advance(3s);
  h.advance(3s);
  EXPECT_EQ(h.unresponsive, 1);
  EXPECT_EQ(h.engine.consecutive_timeouts(), 5);
  // The modem comes back: AT answered, next command works, counter resets.
  h.submit(plain_command("AT+CGMM"));
  h.reply("\r\nOK\r\n");
  h.advance(200ms);
  h.reply("\r\nSIM800\r\n\r\nOK\r\n");
  ASSERT_EQ(h.done.size(), 2u);
  EXPECT_EQ(h.done[1].result->lines, std::vector<std::string>{"SIM800"});
  EXPECT_EQ(h.engine.consecutive_timeouts(), 0);
}

TEST(AtEngine, PromptTimeoutRecovers) {
  Harness h;
  h.submit(cmgs_command(18, "00"));
  h.advance(10s);
  ASSERT_EQ(h.done.size(), 1u);
  EXPECT_FALSE(h.done[0].result);
  EXPECT_NE(h.done[0].result.error().message.find("prompt"), std::string::npos);
  EXPECT_EQ(h.writes.back(), "AT\r");
}

TEST(AtEngine, PerCommandTimeoutOverride) {
  Harness h;
  Command c = plain_command("AT+COPS=?");
  c.kind = CommandKind::operator_scan;
  h.submit(c);
  h.advance(179s);
  EXPECT_TRUE(h.done.empty());
  h.advance(1s);
  EXPECT_EQ(h.done.size(), 1u);
}

TEST(AtEngine, CancelAllCompletesEverything) {
  Harness h;
  h.submit(plain_command("AT+CSQ"));
  h.submit(plain_command("AT+CREG?"));
  h.engine.cancel_all("port closed");
  h.collect();
  ASSERT_EQ(h.done.size(), 2u);
  for (const auto& d : h.done) {
    ASSERT_FALSE(d.result);
    EXPECT_EQ(d.result.error().kind, CommandError::Kind::cancelled);
    EXPECT_EQ(d.result.error().message, "port closed");
  }
}

TEST(AtEngine, IdleLinesBecomeUrcsOrDiscards) {
  Harness h;
  static constexpr char kBytes[] = "\r\nOK\r\n\r\n^RSSI: 17\r\n\r\nHello?\r\n\0\0";
  h.reply(std::string_view(kBytes, sizeof kBytes - 1));
  EXPECT_EQ(h.discarded, std::vector<std::string>{"OK"});
  ASSERT_EQ(h.urcs.size(), 2u);
  EXPECT_EQ(h.urcs[0].name, "rssi");
  EXPECT_EQ(h.urcs[1].name, "unknown");
  EXPECT_EQ(h.garbage, 1);
}

TEST(AtEngine, IgnoredUrcIsSwallowed) {
  EngineConfig config;
  config.urcs.add({"^BOOT:", "boot", UrcRule::Lines::one, false, true});
  Harness h(std::move(config));
  h.reply("\r\n^BOOT:20952084,0,0,0,75\r\n");
  EXPECT_TRUE(h.urcs.empty());
}

}  // namespace
}  // namespace jumbe::at
