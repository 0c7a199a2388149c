// Integration tests of jumbe-sim's faults and port life cycle, one per fault, driven by a raw AT
// client over the pty and the control socket: what a gateway would see from a failing modem.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "jumbe/testing/at_client.hpp"
#include "jumbe/testing/sim_process.hpp"

namespace {

using jumbe::testing::AtClient;
using jumbe::testing::SimOptions;
using jumbe::testing::SimProcess;
using nlohmann::json;
using std::chrono::milliseconds;

bool exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

class SimFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    SimOptions o;
    o.binary = JUMBE_SIM_BINARY;
    o.modems = 2;
    o.extra_args = {"--boot-ms", "200"};
    sim_ = std::make_unique<SimProcess>(o);
    at_ = std::make_unique<AtClient>(sim_->pty(0));
    ASSERT_EQ(at_->command("ATE0"), "ATE0\r\r\nOK\r\n");
    ASSERT_EQ(at_->command("AT+CMEE=1;+CMGF=1"), "\r\nOK\r\n");
  }
  json fault(json req) {
    req["cmd"] = "fault";
    return sim_->request(req);
  }
  std::string send_text(const std::string& to, const std::string& text) {
    const auto prompt = at_->command("AT+CMGS=\"" + to + "\"");
    if (prompt != "\r\n> ") return prompt;
    return at_->command(text + "\x1a");
  }
  // `so_far` plus whatever arrives until `needle` is in it (a URC may come with the OK).
  std::string until(std::string so_far, const std::string& needle) {
    if (so_far.find(needle) != std::string::npos) return so_far;
    return so_far + at_->read_until(needle, milliseconds{10000});
  }
  std::unique_ptr<SimProcess> sim_;
  std::unique_ptr<AtClient> at_;
};

TEST_F(SimFaults, TwoModemsHaveTheirOwnIdentity) {
  const auto m = sim_->request({{"cmd", "modems"}})["modems"];
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0]["operator"], "Safaricom");
  EXPECT_EQ(m[1]["operator"], "Airtel");
  EXPECT_NE(m[0]["imsi"], m[1]["imsi"]);
  AtClient second(sim_->pty(1));
  second.command("ATE0");
  EXPECT_EQ(second.command("AT+CIMI"), "\r\n639030000000002\r\n\r\nOK\r\n");
  // Address by name as well as index.
  EXPECT_TRUE(sim_->request({{"cmd", "counters"}, {"modem", m[1]["name"]}})["ok"]);
  EXPECT_FALSE(sim_->request({{"cmd", "counters"}, {"modem", "nope"}})["ok"]);
}

TEST_F(SimFaults, NoAnswerSwallowsTheNextCommands) {
  ASSERT_TRUE(fault({{"kind", "no_answer"}, {"count", 2}})["ok"]);
  EXPECT_EQ(at_->command("AT", milliseconds{700}), "");
  EXPECT_EQ(at_->command("AT", milliseconds{700}), "");
  EXPECT_EQ(at_->command("AT"), "\r\nOK\r\n");
}

TEST_F(SimFaults, GarbageComesBeforeTheRealAnswer) {
  ASSERT_TRUE(fault({{"kind", "garbage"}, {"count", 1}})["ok"]);
  const auto r = at_->command("AT+CSQ");
  EXPECT_TRUE(r.ends_with("\r\n+CSQ: 20,99\r\n\r\nOK\r\n")) << r;
  EXPECT_GT(r.size(), std::string{"\r\n+CSQ: 20,99\r\n\r\nOK\r\n"}.size());
  EXPECT_EQ(at_->command("AT+CSQ"), "\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
}

TEST_F(SimFaults, CmsErrorForTheNextSends) {
  ASSERT_TRUE(fault({{"kind", "cms_error"}, {"code", 38}, {"count", 2}})["ok"]);
  EXPECT_EQ(send_text("0712345678", "one"), "\r\n+CMS ERROR: 38\r\n");
  EXPECT_EQ(send_text("0712345678", "two"), "\r\n+CMS ERROR: 38\r\n");
  EXPECT_EQ(send_text("0712345678", "three"), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  const auto sent = sim_->request({{"cmd", "sent"}})["sent"];
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["text"], "three");
  EXPECT_EQ(sim_->request({{"cmd", "counters"}})["counters"]["sms_send_failed"], 2);
}

TEST_F(SimFaults, CmeErrorForTheNextSend) {
  ASSERT_TRUE(fault({{"kind", "cme_error"}, {"code", 100}})["ok"]);
  EXPECT_EQ(send_text("0712345678", "x"), "\r\n+CME ERROR: 100\r\n");
}

TEST_F(SimFaults, SimFullHoldsInboundUntilADelete) {
  ASSERT_EQ(at_->command("AT+CNMI=2,1,0,0,0"), "\r\nOK\r\n");
  ASSERT_TRUE(fault({{"kind", "sim_full"}})["ok"]);
  EXPECT_EQ(at_->command("AT+CPMS?"),
            "\r\n+CPMS: \"SM\",30,30,\"SM\",30,30,\"SM\",30,30\r\n\r\nOK\r\n");
  const auto d = sim_->request({{"cmd", "deliver"}, {"from", "+254722000111"}, {"text", "later"}});
  ASSERT_TRUE(d["ok"]);
  EXPECT_TRUE(d["indices"][0].is_null());  // held by the network
  // Space freed: the network delivers what it held, announced after the OK.
  EXPECT_EQ(until(at_->command("AT+CMGD=3"), "+CMTI: \"SM\",3\r\n"),
            "\r\nOK\r\n\r\n+CMTI: \"SM\",3\r\n");
  const auto r = at_->command("AT+CMGR=3");
  EXPECT_NE(r.find("later"), std::string::npos) << r;
}

TEST_F(SimFaults, NetworkLostAndRegainedWithUrcs) {
  ASSERT_EQ(at_->command("AT+CREG=1"), "\r\nOK\r\n");
  ASSERT_TRUE(fault({{"kind", "network"}, {"lost", true}, {"regain_after_ms", 1500}})["ok"]);
  EXPECT_EQ(at_->read_until("+CREG: 2\r\n", milliseconds{10000}), "\r\n+CREG: 2\r\n");
  EXPECT_EQ(send_text("0712345678", "x"), "\r\n+CMS ERROR: 331\r\n");
  EXPECT_EQ(at_->read_until("+CREG: 1\r\n", milliseconds{10000}), "\r\n+CREG: 1\r\n");
  EXPECT_EQ(send_text("0712345678", "x"), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

TEST_F(SimFaults, CreditExhaustedFailsSendsAndShowsInTheBalance) {
  ASSERT_TRUE(fault({{"kind", "credit"}, {"exhausted", true}})["ok"]);
  EXPECT_EQ(send_text("0712345678", "x"), "\r\n+CMS ERROR: 500\r\n");
  const auto urc = until(at_->command("AT+CUSD=1,\"*144#\",15"), "\",15\r\n");
  EXPECT_TRUE(urc.starts_with("\r\nOK\r\n\r\n+CUSD: 0,\"")) << urc;
  EXPECT_NE(urc.find("KES 0.00"), std::string::npos) << urc;
  ASSERT_TRUE(fault({{"kind", "clear"}})["ok"]);
}

TEST_F(SimFaults, UnplugRemovesThePortAndReplugBringsItBack) {
  ASSERT_TRUE(fault({{"kind", "unplug"}, {"replug_after_ms", 1000}})["ok"]);
  EXPECT_FALSE(exists(sim_->pty(0)));
  // The old descriptor is dead: the client sees a hang-up, not a silent port.
  EXPECT_TRUE(SimProcess::wait_for([&] { return exists(sim_->pty(0)); }, milliseconds{15000}));
  at_ = std::make_unique<AtClient>(sim_->pty(0));
  at_->command("ATE0");
  EXPECT_EQ(at_->command("AT"), "\r\nOK\r\n");
  EXPECT_EQ(sim_->request({{"cmd", "counters"}})["counters"]["unplugs"], 1);
}

TEST_F(SimFaults, CfunResetRecreatesThePortWithDefaults) {
  EXPECT_EQ(at_->command("AT+CFUN=1,1"), "\r\nOK\r\n");
  EXPECT_TRUE(SimProcess::wait_for([&] { return !exists(sim_->pty(0)); }, milliseconds{10000}));
  EXPECT_TRUE(SimProcess::wait_for([&] { return exists(sim_->pty(0)); }, milliseconds{15000}));
  at_ = std::make_unique<AtClient>(sim_->pty(0));
  // Echo is back on after the reset.
  EXPECT_EQ(at_->command("AT"), "AT\r\r\nOK\r\n");
}

TEST_F(SimFaults, StatusReportOnRequestAndAutomatic) {
  ASSERT_EQ(at_->command("AT+CNMI=2,1,0,1,0;+CSMP=49,167,0,0"), "\r\nOK\r\n");
  ASSERT_TRUE(sim_->request(
      {{"cmd", "set"}, {"status_report_delay_ms", 200}, {"status_report_status", 0}})["ok"]);
  EXPECT_EQ(send_text("+254712345678", "code 4821"), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  const auto urc = at_->read_until(",0\r\n", milliseconds{10000});
  EXPECT_TRUE(urc.starts_with("\r\n+CDS: 6,0,\"+254712345678\",145,")) << urc;
  ASSERT_TRUE(sim_->request({{"cmd", "status_report"}, {"mr", 0}, {"status", 70}})["ok"]);
  const auto urc2 = at_->read_until(",70\r\n", milliseconds{10000});
  EXPECT_TRUE(urc2.starts_with("\r\n+CDS: 6,0,")) << urc2;
  EXPECT_FALSE(sim_->request({{"cmd", "status_report"}, {"mr", 99}})["ok"]);
}

TEST_F(SimFaults, BadControlRequestsAreOneLineErrors) {
  const auto r = sim_->request({{"cmd", "fault"}, {"kind", "meteor"}});
  EXPECT_FALSE(r["ok"]);
  EXPECT_NE(r["error"].get<std::string>().find("meteor"), std::string::npos);
  EXPECT_FALSE(sim_->request({{"cmd", "deliver"}, {"text", "no sender"}})["ok"]);
  EXPECT_FALSE(sim_->request({{"cmd", "nope"}})["ok"]);
  EXPECT_TRUE(sim_->request({{"cmd", "ping"}})["ok"]);
}

}  // namespace
