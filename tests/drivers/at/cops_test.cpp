// +COPS rows. The =? listings are verbatim replies from ModemManager's
// src/tests/test-modem-helpers.c (test_cops_response_*), named after the device there; the
// query rows use Kenyan operators (MCC 639: Safaricom 63902, Airtel 63903, Telkom 63907).
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

struct CopsRow {
  const char* device;
  const char* reply;
  std::vector<std::string> numerics;
  std::vector<std::optional<int>> acts;
};

void PrintTo(const CopsRow& row, std::ostream* os) {
  *os << row.device;
}

class AtCopsTest : public testing::TestWithParam<CopsRow> {};

TEST_P(AtCopsTest, Parses) {
  const auto r = parse_cops_test(GetParam().reply);
  ASSERT_TRUE(r) << r.error().message;
  std::vector<std::string> numerics;
  std::vector<std::optional<int>> acts;
  for (const auto& e : *r) {
    numerics.push_back(e.numeric);
    acts.push_back(e.act);
  }
  EXPECT_EQ(numerics, GetParam().numerics);
  EXPECT_EQ(acts, GetParam().acts);
}

const std::optional<int> kNone;

INSTANTIATE_TEST_SUITE_P(
    ModemManagerRows, AtCopsTest,
    testing::Values(
        CopsRow{
            "sony_ericsson_tm506",
            "+COPS: (2,\"\",\"T-Mobile\",\"31026\",0),(2,\"T - Mobile\",\"T - Mobile\",\"310260\"),"
            "2),(1,\"AT&T\",\"AT&T\",\"310410\"),0)",
            {"31026", "310260", "310410"},
            {0, 2, 0}},
        CopsRow{"sierra_aircard_881",
                "+COPS: (1,\"T-Mobile\",\"TMO\",\"31026\",0),(1,\"AT&T\",\"AT&T\",\"310410\",2),"
                "(1,\"AT&T\",\"AT&T\",\"310410\",0),,(0,1,2,3,4),)",
                {"31026", "310410", "310410"},
                {0, 2, 0}},
        CopsRow{
            "sierra_aircard_860",
            "+COPS: (2,\"T-Mobile\",\"TMO\",\"31026\",0),(1,\"Cingular\",\"Cinglr\",\"310410\",2),"
            "(1,\"Cingular\",\"Cinglr\",\"310410\",0),,)",
            {"31026", "310410", "310410"},
            {0, 2, 0}},
        CopsRow{"motorola_c_series",
                "+COPS: (2,\"T-Mobile\",\"\",\"310260\"),(0,\"Cingular Wireless\",\"\",\"310410\")",
                {"310260", "310410"},
                {kNone, kNone}},
        CopsRow{"zte_mf627a",
                "+COPS: (2,\"AT&T@\",\"AT&TD\",\"310410\",0),(3,\"Vstream "
                "Wireless\",\"VSTREAM\",\"31026\",0),",
                {"310410", "31026"},
                {0, 0}},
        CopsRow{"huawei_e160g",
                "+COPS: (2,\"T-Mobile\",\"TMO\",\"31026\",0),(1,\"AT&T\",\"AT&T\",\"310410\",0),,"
                "(0,1,2,3,4),(0,1,2)",
                {"31026", "310410"},
                {0, 0}},
        CopsRow{
            "ericsson_f3607gw",
            "+COPS: (2,\"T - Mobile\",\"T - Mobile\",\"31026\",0),(1,\"AT&T\",\"AT&T\",\"310410\"),"
            "2),(1,\"AT&T\",\"AT&T\",\"310410\"),0)",
            {"31026", "310410", "310410"},
            {0, 2, 0}},
        CopsRow{"nokia_n80",
                "+COPS: (2,\"T - Mobile\",,\"31026\"),(1,\"Einstein PCS\",,\"31064\"),"
                "(1,\"Cingular\",,\"31041\"),,(0,1,3),(0,2)",
                {"31026", "31064", "31041"},
                {kNone, kNone, kNone}},
        CopsRow{"zte_mf622",
                "+COPS: (2,\"T-Mobile\",\"T-Mobile\",\"31026\",0),(1,\"\",\"\",\"310410\",0),",
                {"31026", "310410"},
                {0, 0}}),
    [](const auto& p) { return std::string(p.param.device); });

TEST(AtCops, StatusAndNamesOfAnEntry) {
  const auto r = parse_cops_test("+COPS: (2,\"T-Mobile US\",\"TMO US\",\"31026\",0),,(0, 1,)");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].status, 2);
  EXPECT_EQ((*r)[0].long_name, "T-Mobile US");
  EXPECT_EQ((*r)[0].short_name, "TMO US");
}

TEST(AtCops, QueryRegistered) {
  const auto r = parse_cops_query("+COPS: 0,0,\"Safaricom\",2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->mode, 0);
  EXPECT_EQ(r->format, 0);
  EXPECT_EQ(r->oper, "Safaricom");
  EXPECT_EQ(r->act, 2);
}

TEST(AtCops, QueryNotRegistered) {
  const auto r = parse_cops_query("+COPS: 0");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->oper);
}

TEST(AtCops, Rejected) {
  EXPECT_FALSE(parse_cops_query("+COPS: x"));
  EXPECT_FALSE(parse_cops_query("+COPS: (1,\"a\",\"b\",\"1\")"));
  EXPECT_FALSE(parse_cops_test("+COPS: 1,2"));
}

}  // namespace
}  // namespace jumbe::at
