// SMS replies in PDU mode (TS 27.005 3.4.1-3.5.1): +CMGS, +CMTI, +CDS/+CMT headers, +CMGL, +CMGR.
// The +CMGL listing is the example of the TS 27.005 / SIM800 manual shape with Kenyan numbers.
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

const std::string kPdu1 = "0791527402001005040C91527421436587000052113021543280044F7A1D0E";
const std::string kPdu2 = "0791527402001005040C915274214365870000521130215432800461F1985C06";

TEST(AtCmgs, MessageReference) {
  EXPECT_EQ(parse_cmgs("+CMGS: 12").value(), 12);
  EXPECT_EQ(parse_cmgs("+CMGS: 255,\"21/11/30,12:45:23+12\"").value(), 255);
  EXPECT_FALSE(parse_cmgs("+CMGS: 256"));
  EXPECT_FALSE(parse_cmgs("+CMGS:"));
}

TEST(AtCmti, StorageAndIndex) {
  EXPECT_EQ(parse_cmti("+CMTI: \"SM\",3").value(), (StoredIndication{"SM", 3}));
  EXPECT_EQ(parse_cmti("+CMTI: \"ME\",21").value(), (StoredIndication{"ME", 21}));  // Quectel EC25
  EXPECT_EQ(parse_cmti("+CDSI: \"SR\",1").value(), (StoredIndication{"SR", 1}));
  EXPECT_FALSE(parse_cmti("+CMTI: \"SM\""));
  EXPECT_FALSE(parse_cmti("+CMTI: \"SM\",-1"));
}

TEST(AtCdsCmt, Headers) {
  EXPECT_EQ(parse_cds_header("+CDS: 25").value(), 25);
  EXPECT_FALSE(parse_cds_header("+CDS: 6,178,\"+254712345678\",145"));
  const auto cmt = parse_cmt_header("+CMT: ,24");
  ASSERT_TRUE(cmt);
  EXPECT_EQ(cmt->length, 24);
  EXPECT_FALSE(cmt->alpha);
  EXPECT_FALSE(parse_cmt_header("+CMT: \"+254712345678\",,\"21/11/30,12:45:23+12\""));
}

TEST(AtCmgl, ListingOfTwo) {
  const std::vector<std::string> lines{"+CMGL: 1,0,,24", kPdu1, "+CMGL: 4,1,,24", kPdu2};
  const auto r = parse_cmgl(lines);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].index, 1);
  EXPECT_EQ((*r)[0].status, 0);
  EXPECT_EQ((*r)[1].index, 4);
  EXPECT_EQ((*r)[1].pdu, kPdu2);
}

TEST(AtCmgl, UnknownVendorLineBetweenEntriesIsSkipped) {
  const std::vector<std::string> lines{"+CMGL: 1,0,,24", kPdu1, "^FOOBAR: 3", "+CMGL: 4,1,,24",
                                       kPdu2};
  const auto r = parse_cmgl(lines);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->size(), 2u);
}

TEST(AtCmgl, EmptyListingIsEmpty) {
  const auto r = parse_cmgl(std::vector<std::string>{});
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
}

TEST(AtCmgl, TruncatedOrTextModeListingIsAnError) {
  EXPECT_FALSE(parse_cmgl(std::vector<std::string>{"+CMGL: 1,0,,24"}));
  EXPECT_FALSE(parse_cmgl(std::vector<std::string>{"+CMGL: 1,0,,24", "0791ZZ"}));
  EXPECT_FALSE(parse_cmgl(std::vector<std::string>{"+CMGL: 1,0,,24", kPdu1.substr(0, 20)}));
  EXPECT_FALSE(parse_cmgl(std::vector<std::string>{
      "+CMGL: 1,\"REC UNREAD\",\"+254712345678\",,\"21/11/30,12:45:23+12\"", "Hello"}));
}

TEST(AtCmgr, OneMessage) {
  const auto r = parse_cmgr(std::vector<std::string>{"+CMGR: 1,,24", kPdu1});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 1);
  EXPECT_EQ(r->length, 24);
  EXPECT_EQ(r->pdu, kPdu1);
}

TEST(AtCmgr, EmptySlot) {
  // SIMCom SIM800 reading an empty index: "+CMGR: 0,,0" and OK.
  const auto r = parse_cmgr(std::vector<std::string>{"+CMGR: 0,,0"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("empty"), std::string::npos);
  EXPECT_FALSE(parse_cmgr(std::vector<std::string>{}));
}

TEST(AtCpin, States) {
  EXPECT_EQ(parse_cpin("+CPIN: READY").value(), SimState::ready);
  EXPECT_EQ(parse_cpin("+CPIN: SIM PIN").value(), SimState::sim_pin);
  EXPECT_EQ(parse_cpin("+CPIN: SIM PUK").value(), SimState::sim_puk);
  EXPECT_EQ(parse_cpin("+CPIN: \"READY\"").value(), SimState::ready);
  EXPECT_EQ(parse_cpin("+CPIN: PH-CORP PIN").value(), SimState::other_lock);
  EXPECT_FALSE(parse_cpin("+CPIN: BANANA"));
}

}  // namespace
}  // namespace jumbe::at
