// Unit tests of the simulated modem's AT command set on a fake clock: exact reply bytes as
// TS 27.007 / TS 27.005 frame them (\r\n<info>\r\n\r\nOK\r\n), the +CMEE forms, SIM locking,
// registration URCs, SMS storage and listing, +CMGS in both modes, status reports, USSD.
#include <gtest/gtest.h>

#include "fake_host.hpp"
#include "jumbe/sim/engine.hpp"

namespace jumbe::sim {
namespace {

using test::FakeHost;

EngineOptions options(const std::string& profile = "generic") {
  EngineOptions o;
  o.identity.name = "saf-0";
  o.identity.imei = "861234560000013";
  o.identity.imsi = "639020000000001";
  o.identity.iccid = "8925402000000000010";
  o.identity.msisdn = "+254712000001";
  o.identity.operator_long = "Safaricom";
  o.identity.operator_short = "Safaricom";
  o.identity.mccmnc = "63902";
  o.identity.smsc = "+254722500029";
  o.profile = *find_profile(profile);
  o.status_report_delay_ms = 500;
  return o;
}

class SimEngine : public ::testing::Test {
 protected:
  void make(EngineOptions o = options()) {
    engine_ = std::make_unique<Engine>(std::move(o), host_);
    engine_->power_on();
    host_.advance(0);
    host_.take();
    at("ATE0");
  }
  void SetUp() override { make(); }
  std::string at(const std::string& line) {
    engine_->input(line + "\r");
    host_.advance(0);
    return host_.take();
  }
  FakeHost host_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(SimEngine, IdentityRepliesAreFramedLikeAModem) {
  EXPECT_EQ(at("AT"), "\r\nOK\r\n");
  EXPECT_EQ(at("AT+CGMI"), "\r\njumbe\r\n\r\nOK\r\n");
  EXPECT_EQ(at("AT+CGSN"), "\r\n861234560000013\r\n\r\nOK\r\n");
  EXPECT_EQ(at("AT+CIMI"), "\r\n639020000000001\r\n\r\nOK\r\n");
  EXPECT_EQ(at("AT+CCID"), "\r\n+CCID: 8925402000000000010\r\n\r\nOK\r\n");
  EXPECT_EQ(at("at+cgmi;+cgmr"), "\r\njumbe\r\njumbe-sim 1.0\r\n\r\nOK\r\n");
}

TEST_F(SimEngine, EchoOnRepeatsTheLine) {
  at("ATE1");
  EXPECT_EQ(at("AT+CSQ"), "AT+CSQ\r\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
  engine_->input("A/");
  EXPECT_EQ(host_.take(), "A/\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
}

TEST_F(SimEngine, UnknownCommandIsErrorInEveryCmeeMode) {
  EXPECT_EQ(at("AT+NOPE"), "\r\nERROR\r\n");
  at("AT+CMEE=2");
  EXPECT_EQ(at("AT+NOPE"), "\r\nERROR\r\n");
}

TEST_F(SimEngine, ErrorsAfterAnErrorTheRestOfTheLineIsSkipped) {
  EXPECT_EQ(at("AT+NOPE;+CSQ"), "\r\nERROR\r\n");
}

TEST_F(SimEngine, CmeeChangesTheSimErrorForm) {
  auto o = options();
  o.sim_present = false;
  make(o);
  EXPECT_EQ(at("AT+CIMI"), "\r\nERROR\r\n");
  at("AT+CMEE=1");
  EXPECT_EQ(at("AT+CIMI"), "\r\n+CME ERROR: 10\r\n");
  at("AT+CMEE=2");
  EXPECT_EQ(at("AT+CPIN?"), "\r\n+CME ERROR: SIM not inserted\r\n");
  EXPECT_EQ(at("AT+CPMS?"), "\r\n+CMS ERROR: SIM not inserted\r\n");
}

TEST_F(SimEngine, PinCountsDownToPuk) {
  auto o = options();
  o.pin = "1234";
  make(o);
  at("AT+CMEE=1");
  EXPECT_EQ(at("AT+CPIN?"), "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  EXPECT_EQ(at("AT+CMGL=4"), "\r\n+CMS ERROR: 311\r\n");
  EXPECT_EQ(at("AT+CPIN=\"0000\""), "\r\n+CME ERROR: 16\r\n");
  EXPECT_EQ(at("AT+CPIN=\"1234\""), "\r\nOK\r\n");
  EXPECT_EQ(at("AT+CPIN?"), "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  make(o);
  at("AT+CMEE=1");
  for (int i = 0; i < 3; ++i)
    at("AT+CPIN=\"9999\"");
  EXPECT_EQ(at("AT+CPIN?"), "\r\n+CPIN: SIM PUK\r\n\r\nOK\r\n");
  EXPECT_EQ(at("AT+CPIN=\"12345678\",\"4321\""), "\r\nOK\r\n");
  EXPECT_EQ(at("AT+CPIN?"), "\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

TEST_F(SimEngine, RegistrationQueriesAndUrcs) {
  EXPECT_EQ(at("AT+CREG?"), "\r\n+CREG: 0,1\r\n\r\nOK\r\n");
  at("AT+CREG=2");
  EXPECT_EQ(at("AT+CREG?"), "\r\n+CREG: 2,1,\"1F4D\",\"2A31\"\r\n\r\nOK\r\n");
  at("AT+CGREG=1");
  engine_->set_network(true);
  EXPECT_EQ(host_.take(), "\r\n+CREG: 2\r\n\r\n+CGREG: 2\r\n");
  EXPECT_EQ(at("AT+CSQ"), "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  EXPECT_EQ(at("AT+COPS?"), "\r\n+COPS: 0\r\n\r\nOK\r\n");
  engine_->set_network(false);
  EXPECT_EQ(host_.take(), "\r\n+CREG: 1,\"1F4D\",\"2A31\"\r\n\r\n+CGREG: 1\r\n");
  EXPECT_EQ(at("AT+COPS?"), "\r\n+COPS: 0,0,\"Safaricom\",2\r\n\r\nOK\r\n");
  at("AT+COPS=3,2");
  EXPECT_EQ(at("AT+COPS?"), "\r\n+COPS: 0,2,\"63902\",2\r\n\r\nOK\r\n");
}

TEST_F(SimEngine, DeliverStoresAndAnnouncesWithCmti) {
  at("AT+CNMI=2,1,0,0,0");
  const auto r = engine_->deliver({"+254722000111", "Habari", "auto", std::nullopt});
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, std::vector<int>{1});
  EXPECT_EQ(host_.take(), "\r\n+CMTI: \"SM\",1\r\n");
  EXPECT_EQ(at("AT+CPMS?"), "\r\n+CPMS: \"SM\",1,30,\"SM\",1,30,\"SM\",1,30\r\n\r\nOK\r\n");
  const auto listing = at("AT+CMGL=4");
  EXPECT_TRUE(listing.starts_with("\r\n+CMGL: 1,0,,")) << listing;
  // Listed once: now read.
  EXPECT_TRUE(at("AT+CMGR=1").starts_with("\r\n+CMGR: 1,,")) << listing;
  at("AT+CMGF=1");
  const auto text = at("AT+CMGR=1");
  EXPECT_TRUE(text.starts_with(
      "\r\n+CMGR: \"REC READ\",\"+254722000111\",,\"26/11/23,12:00:00+12\"\r\nHabari\r\n"))
      << text;
  EXPECT_EQ(at("AT+CMGD=1"), "\r\nOK\r\n");
  EXPECT_EQ(at("AT+CMGL=\"ALL\""), "\r\nOK\r\n");
}

TEST_F(SimEngine, LongTextArrivesAsConcatenatedParts) {
  const auto r = engine_->deliver({"SAFARICOM", std::string(200, 'x'), "auto", std::nullopt});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->size(), 2u);
  EXPECT_EQ(engine_->storage("SM").size(), 2u);
}

TEST_F(SimEngine, DirectRoutingWithCmtNeedsCnmaInPhase2Plus) {
  at("AT+CSMS=1");
  at("AT+CNMI=2,2,0,0,0");
  ASSERT_TRUE(engine_->deliver({"22555", "Hi", "auto", std::nullopt}));
  const auto urc = host_.take();
  EXPECT_TRUE(urc.starts_with("\r\n+CMT: ,")) << urc;
  EXPECT_TRUE(engine_->storage("SM").empty());
  at("AT+CMEE=1");
  EXPECT_EQ(at("AT+CNMA"), "\r\nOK\r\n");
  EXPECT_EQ(at("AT+CNMA"), "\r\n+CMS ERROR: 340\r\n");
}

TEST_F(SimEngine, FullStorageHoldsMessagesAtTheNetworkUntilSpaceIsFreed) {
  at("AT+CNMI=2,1,0,0,0");
  engine_->set_sim_full(true);
  host_.take();
  EXPECT_EQ(at("AT+CPMS?"), "\r\n+CPMS: \"SM\",30,30,\"SM\",30,30,\"SM\",30,30\r\n\r\nOK\r\n");
  const auto r = engine_->deliver({"+254722000111", "held", "auto", std::nullopt});
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)[0], -2);
  EXPECT_EQ(host_.take(), "");
  // Space freed: the held message comes in right after the OK (TS 24.011 RP-SMMA).
  EXPECT_EQ(at("AT+CMGD=5"), "\r\nOK\r\n\r\n+CMTI: \"SM\",5\r\n");
}

TEST_F(SimEngine, TextModeSendRecordsTheSubmitAndAssignsReferences) {
  at("AT+CMGF=1");
  at("AT+CSMP=49,167,0,0");  // SRR on, relative validity 24 h
  EXPECT_EQ(at("AT+CMGS=\"+254712345678\""), "\r\n> ");
  engine_->input("Asante\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  ASSERT_EQ(engine_->sent().size(), 1u);
  const auto& s = engine_->sent()[0];
  EXPECT_EQ(s.to, "+254712345678");
  EXPECT_EQ(s.text, "Asante");
  EXPECT_TRUE(s.srr);
  EXPECT_EQ(s.validity_minutes, 1440);
  EXPECT_EQ(s.mode, "text");
  // The automatic status report for SRR comes after the configured delay.
  at("AT+CNMI=2,1,0,1,0");
  host_.advance(500);
  EXPECT_EQ(host_.take(),
            "\r\n+CDS: "
            "6,0,\"+254712345678\",145,\"26/11/23,12:00:00+12\",\"26/11/23,12:00:00+12\",0\r\n");
}

TEST_F(SimEngine, PduModeSendIsDecoded) {
  // SMS-SUBMIT to +254712345678 "hellohello", built by jumbe::pdu's encoder and checked by hand:
  // 00 SMSC default, 11 SUBMIT+VPF relative, 00 MR, 0C91 527421436587, 00 PID, 00 DCS, AA VP,
  // 0A UDL, E8329BFD4697D9EC37 packed "hellohello".
  const std::string pdu = "0011000C915274214365870000AA0AE8329BFD4697D9EC37";
  EXPECT_EQ(at("AT+CMGS=23"), "\r\n> ");
  engine_->input(pdu + "\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  ASSERT_EQ(engine_->sent().size(), 1u);
  EXPECT_EQ(engine_->sent()[0].to, "+254712345678");
  EXPECT_EQ(engine_->sent()[0].text, "hellohello");
  EXPECT_EQ(engine_->sent()[0].validity_minutes, 5760);  // 0xAA = 170 -> 4 days
  // A wrong <length> is a PDU mode parameter error (TS 27.005 3.2.5: 304).
  at("AT+CMEE=1");
  at("AT+CMGS=22");
  engine_->input(pdu + "\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMS ERROR: 304\r\n");
  EXPECT_EQ(engine_->sent().size(), 1u);
}

TEST_F(SimEngine, EscCancelsTheSend) {
  EXPECT_EQ(at("AT+CMGS=23"), "\r\n> ");
  engine_->input("0011\x1b");
  EXPECT_EQ(host_.take(), "\r\nOK\r\n");
  EXPECT_TRUE(engine_->sent().empty());
}

TEST_F(SimEngine, SendFaultsAnswerTheConfiguredError) {
  at("AT+CMEE=1");
  at("AT+CMGF=1");
  engine_->faults().send_error_code = 38;
  engine_->faults().send_error_count = 1;
  at("AT+CMGS=\"0712345678\"");
  engine_->input("x\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMS ERROR: 38\r\n");
  at("AT+CMGS=\"0712345678\"");
  engine_->input("x\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  engine_->faults().credit_exhausted = true;
  at("AT+CMGS=\"0712345678\"");
  engine_->input("x\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMS ERROR: 500\r\n");
  engine_->set_network(true);
  host_.take();
  engine_->faults().credit_exhausted = false;
  at("AT+CMGS=\"0712345678\"");
  engine_->input("x\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMS ERROR: 331\r\n");
}

TEST_F(SimEngine, SendsPerMinuteAreLimited) {
  auto o = options();
  o.max_sends_per_minute = 2;
  make(o);
  at("AT+CMEE=1");
  at("AT+CMGF=1");
  std::string last;
  for (int i = 0; i < 3; ++i) {
    at("AT+CMGS=\"0712345678\"");
    engine_->input("x\x1a");
    last = host_.take();
  }
  EXPECT_EQ(last, "\r\n+CMS ERROR: 42\r\n");
  host_.advance(60001);
  at("AT+CMGS=\"0712345678\"");
  engine_->input("x\x1a");
  EXPECT_EQ(host_.take(), "\r\n+CMGS: 2\r\n\r\nOK\r\n");
}

TEST_F(SimEngine, UssdBalanceAndTwoLevelMenu) {
  EXPECT_EQ(at("AT+CUSD=1,\"*144#\",15"),
            "\r\nOK\r\n\r\n+CUSD: 0,\"Your balance is KES 152.30. Bonus KES 0.00. Valid until "
            "31-12-2026.\",15\r\n");
  auto menu = at("AT+CUSD=1,\"*100#\",15");
  EXPECT_EQ(menu,
            "\r\nOK\r\n\r\n+CUSD: 1,\"Safaricom\n1. My account\n2. Buy bundles\n3. Help\",15\r\n");
  menu = at("AT+CUSD=1,\"2\",15");
  EXPECT_EQ(menu,
            "\r\nOK\r\n\r\n+CUSD: 1,\"Buy bundles\n1. 20 SMS @ KES 5\n2. 50MB @ KES 10\",15\r\n");
  EXPECT_EQ(at("AT+CUSD=1,\"1\",15"),
            "\r\nOK\r\n\r\n+CUSD: 0,\"You have bought 20 SMS valid for 24 hours.\",15\r\n");
  EXPECT_EQ(at("AT+CUSD=1,\"*999#\",15"), "\r\nOK\r\n\r\n+CUSD: 4\r\n");
}

TEST_F(SimEngine, UssdCancelEndsTheSession) {
  at("AT+CUSD=1,\"*100#\",15");
  EXPECT_EQ(at("AT+CUSD=2"), "\r\nOK\r\n");
  // "1" is now a new request, not a menu answer: the network does not know it.
  EXPECT_EQ(at("AT+CUSD=1,\"1\",15"), "\r\nOK\r\n\r\n+CUSD: 4\r\n");
}

TEST_F(SimEngine, HuaweiUssdIsPackedHexBothWays) {
  make(options("huawei"));
  // Quirk: E173 wants AT+CUSD=1,"AA188D3602",15 for *144# (packed GSM 7-bit as hex).
  const auto r = at("AT+CUSD=1,\"AA188D3602\",15");
  EXPECT_TRUE(r.starts_with("\r\nOK\r\n\r\n+CUSD: 0,\"")) << r;
  const auto hex = r.substr(r.find('"') + 1, r.rfind('"') - r.find('"') - 1);
  EXPECT_EQ(ussd_unpack_hex(hex).value(),
            "Your balance is KES 152.30. Bonus KES 0.00. Valid until 31-12-2026.");
  at("AT+CMEE=1");
  EXPECT_EQ(at("AT+CUSD=1,\"*144#\",15"), "\r\n+CME ERROR: 25\r\n");
}

TEST_F(SimEngine, CfunResetAsksTheHostToRestart) {
  EXPECT_EQ(at("AT+CFUN=1,1"), "\r\nOK\r\n");
  EXPECT_EQ(host_.restarts, 1);
}

struct BootRow {
  const char* profile;
  std::string boot;
  const char* cgmm;
};

class SimProfileBoot : public ::testing::TestWithParam<BootRow> {};

TEST_P(SimProfileBoot, StartUpLinesAndModel) {
  FakeHost host;
  Engine e(options(GetParam().profile), host);
  e.power_on();
  EXPECT_EQ(host.take(), GetParam().boot);
  e.input("ATE0\rAT+CGMM\r");
  EXPECT_EQ(host.take(), std::string{"ATE0\r\r\nOK\r\n\r\n"} + GetParam().cgmm + "\r\n\r\nOK\r\n");
}

INSTANTIATE_TEST_SUITE_P(
    Profiles, SimProfileBoot,
    ::testing::Values(
        BootRow{"generic", "", "jumbe-sim generic GSM modem"},
        // HUAWEI E173: ^BOOT / ^RSSI / ^MODE / ^SRVST noise after the port opens.
        BootRow{"huawei",
                "\r\n^BOOT:24181497,0,0,0,75\r\n\r\n^RSSI:20\r\n\r\n^MODE:3,2\r\n\r\n^SRVST:2\r\n",
                "E173"},
        // SIM800 Series AT Command Manual V1.09, URC table: RDY, Call Ready, SMS Ready.
        BootRow{
            "simcom",
            "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n",
            "SIMCOM_SIM800"},
        // EC25&EC21 AT Commands Manual: RDY, +CPIN: READY, +QUSIM: 1, +QIND: SMS DONE.
        BootRow{"quectel",
                "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS "
                "DONE\r\n\r\n+QIND: PB DONE\r\n",
                "EC25"}),
    [](const auto& row) { return std::string{row.param.profile}; });

TEST(SimProfile, SimcomStartsInTextModeHuaweiCountsFromZero) {
  FakeHost host;
  Engine s(options("simcom"), host);
  s.power_on();
  host.take();
  s.input("ATE0\rAT+CMGF?\r");
  EXPECT_EQ(host.take(), "ATE0\r\r\nOK\r\n\r\n+CMGF: 1\r\n\r\nOK\r\n");
  Engine h(options("huawei"), host);
  ASSERT_TRUE(h.deliver({"+254722000111", "x", "auto", std::nullopt}));
  EXPECT_EQ(h.storage("SM").begin()->first, 0);
}

}  // namespace
}  // namespace jumbe::sim
