// Proof of realism: the real gammu (Debian 1.42), unchanged, against jumbe-sim in every profile:
// identify, sendsms short / -len 400 / -unicode, getallsms of injected messages, getussd. The
// simulator's decoded record of each SMS-SUBMIT must be exactly what gammu was asked to send.
#include <gtest/gtest.h>

#include "jumbe/testing/run_command.hpp"
#include "jumbe/testing/sim_process.hpp"

namespace {

using jumbe::testing::run_command;
using jumbe::testing::SimOptions;
using jumbe::testing::SimProcess;
using nlohmann::json;

constexpr std::chrono::seconds kGammuTimeout{60};

class SimGammu : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (std::string{JUMBE_GAMMU}.empty()) GTEST_SKIP() << "gammu is not installed";
    SimOptions o;
    o.binary = JUMBE_SIM_BINARY;
    o.profile = GetParam();
    o.extra_args = {"--noise-interval-ms", "0"};
    sim_ = std::make_unique<SimProcess>(o);
    rc_ = sim_->write_gammurc();
  }
  jumbe::testing::CommandResult gammu(std::vector<std::string> args) {
    std::vector<std::string> argv = {JUMBE_GAMMU, "-c", rc_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, kGammuTimeout);
  }
  json sent() { return sim_->request({{"cmd", "sent"}})["sent"]; }

  std::unique_ptr<SimProcess> sim_;
  std::string rc_;
};

TEST_P(SimGammu, IdentifyShowsTheProfileAndSim) {
  const auto r = gammu({"identify"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("639020000000001"), std::string::npos) << r.output;  // SIM IMSI
  EXPECT_NE(r.output.find("861234560000013"), std::string::npos) << r.output;  // IMEI
  const std::map<std::string, std::string> manufacturer = {
      {"generic", "jumbe"}, {"huawei", "Huawei"}, {"simcom", "SIMCOM"}, {"quectel", "Quectel"}};
  EXPECT_NE(r.output.find(manufacturer.at(GetParam())), std::string::npos) << r.output;
}

TEST_P(SimGammu, ShortTextIsRecordedExactly) {
  const auto r =
      gammu({"sendsms", "TEXT", "+254712345678", "-text", "Asante. Ripoti yako ni KE-4821."});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto s = sent();
  ASSERT_EQ(s.size(), 1u) << s.dump();
  EXPECT_EQ(s[0]["to"], "+254712345678");
  EXPECT_EQ(s[0]["text"], "Asante. Ripoti yako ni KE-4821.");
  EXPECT_EQ(s[0]["encoding"], "gsm7");
  EXPECT_EQ(s[0]["mode"], "pdu");
  EXPECT_TRUE(s[0]["concat"].is_null());
  EXPECT_EQ(s[0]["mr"], 0);
}

TEST_P(SimGammu, FourHundredCharactersGoAsThreeLinkedParts) {
  std::string text;
  while (text.size() < 400)
    text += "Baraza kesho saa nne asubuhi Lanet. ";
  text.resize(400);
  const auto r = gammu({"sendsms", "TEXT", "0712345678", "-len", "400", "-text", text});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto s = sent();
  ASSERT_EQ(s.size(), 3u) << s.dump();
  std::string joined;
  for (std::size_t i = 0; i < s.size(); ++i) {
    EXPECT_EQ(s[i]["to"], "0712345678");
    ASSERT_FALSE(s[i]["concat"].is_null());
    EXPECT_EQ(s[i]["concat"]["total"], 3);
    EXPECT_EQ(s[i]["concat"]["seq"], static_cast<int>(i) + 1);
    EXPECT_EQ(s[i]["concat"]["ref"], s[0]["concat"]["ref"]);
    EXPECT_EQ(s[i]["mr"], static_cast<int>(i));  // the modem numbers each part
    joined += s[i]["text"].get<std::string>();
  }
  EXPECT_EQ(joined, text);
}

TEST_P(SimGammu, UnicodeTextIsUcs2) {
  const std::string text = "Jambo Wanjikũ 😀";
  const auto r = gammu({"sendsms", "TEXT", "+254712345678", "-unicode", "-text", text});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto s = sent();
  ASSERT_EQ(s.size(), 1u) << s.dump();
  EXPECT_EQ(s[0]["encoding"], "ucs2");
  EXPECT_EQ(s[0]["text"], text);
}

TEST_P(SimGammu, GetAllSmsListsInjectedMessages) {
  auto d = sim_->request({{"cmd", "deliver"},
                          {"from", "+254722000111"},
                          {"text", "REPORT suspicious vehicle near Lanet primary"}});
  ASSERT_TRUE(d["ok"]) << d.dump();
  d = sim_->request({{"cmd", "deliver"}, {"from", "SAFARICOM"}, {"text", "Umepokea KES 50.00 😀"}});
  ASSERT_TRUE(d["ok"]) << d.dump();
  d = sim_->request({{"cmd", "deliver"}, {"from", "22555"}, {"text", std::string(200, 'x')}});
  ASSERT_EQ(d["parts"], 2) << d.dump();
  const auto r = gammu({"getallsms"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("REPORT suspicious vehicle near Lanet primary"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("\"+254722000111\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Umepokea KES 50.00 😀"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"SAFARICOM\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("part 2 of 2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("4 SMS parts"), std::string::npos) << r.output;
}

TEST_P(SimGammu, GetUssdShowsTheBalance) {
  const auto r = gammu({"getussd", "*144#"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Your balance is KES 152.30"), std::string::npos) << r.output;
}

TEST_P(SimGammu, GetUssdShowsAScriptedReply) {
  const auto s = sim_->request(
      {{"cmd", "ussd_script"}, {"code", "*544#"}, {"menu", {{"text", "Ombi lako limepokelewa"}}}});
  ASSERT_TRUE(s["ok"]) << s.dump();
  const auto r = gammu({"getussd", "*544#"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Ombi lako limepokelewa"), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(Profiles, SimGammu,
                         ::testing::Values("generic", "huawei", "simcom", "quectel"),
                         [](const auto& row) { return row.param; });

}  // namespace

namespace {

// The E173's periodic ^RSSI lines arrive between gammu's commands (here every second, faster
// than a real stick) until gammu's Huawei init sends AT^CURC=0; gammu must still get through.
TEST(SimGammuNoise, HuaweiRssiNoiseDoesNotStopGammu) {
  if (std::string{JUMBE_GAMMU}.empty()) GTEST_SKIP() << "gammu is not installed";
  SimOptions o;
  o.binary = JUMBE_SIM_BINARY;
  o.profile = "huawei";
  o.extra_args = {"--noise-interval-ms", "1000"};
  SimProcess sim(o);
  const auto rc = sim.write_gammurc();
  const auto r = run_command(
      {JUMBE_GAMMU, "-c", rc, "sendsms", "TEXT", "+254712345678", "-text", "Baraza kesho"},
      kGammuTimeout);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto sent = sim.request({{"cmd", "sent"}})["sent"];
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["text"], "Baraza kesho");
}

}  // namespace
