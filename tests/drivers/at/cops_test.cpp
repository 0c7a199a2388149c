// +COPS query and test replies (TS 27.007 7.3); operator names as Kenyan networks show them
// (MCC 639: Safaricom 63902, Airtel 63903, Telkom 63907).
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

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

TEST(AtCops, TestListStopsAtTheRanges) {
  const auto r = parse_cops_test(
      "+COPS: (2,\"Safaricom\",\"SAF\",\"63902\",2),(1,\"Airtel KE\",\"Airtel\",\"63903\",0),"
      "(3,\"Telkom KE\",\"Telkom\",\"63907\"),,(0,1,2,3,4),(0,1,2)");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].numeric, "63902");
  EXPECT_EQ((*r)[0].status, 2);
  EXPECT_EQ((*r)[1].long_name, "Airtel KE");
  EXPECT_FALSE((*r)[2].act);
}

TEST(AtCops, Rejected) {
  EXPECT_FALSE(parse_cops_query("+COPS: x"));
  EXPECT_FALSE(parse_cops_query("+COPS: (1,\"a\",\"b\",\"1\")"));
  EXPECT_FALSE(parse_cops_test("+COPS: 1,2"));
}

}  // namespace
}  // namespace jumbe::at
