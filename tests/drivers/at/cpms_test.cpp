// +CPMS rows (TS 27.005 3.2.2): the query reply (named storages) and the set reply, in the
// shapes of the spec. FIXME: add verbatim rows from device captures as they are collected.
#include <gtest/gtest.h>

#include "jumbe/at/replies.hpp"

namespace jumbe::at {
namespace {

TEST(AtCpms, QueryReplySimOnly) {
  const auto r = parse_cpms("+CPMS: \"SM\",5,30,\"SM\",5,30,\"SM\",5,30");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0], (StorageUse{"SM", 5, 30}));
}

TEST(AtCpms, QueryReplyMixedStorages) {
  const auto r = parse_cpms("+CPMS: \"ME\",0,255,\"ME\",0,255,\"SM\",2,50");
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)[2], (StorageUse{"SM", 2, 50}));
}

TEST(AtCpms, SetReplyHasNoNames) {
  const auto r = parse_cpms("+CPMS: 30,30,30,30,30,30");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0], (StorageUse{"", 30, 30}));  // full SIM: 30 of 30
}

TEST(AtCpms, Rejected) {
  for (const char* bad : {"+CPMS: \"SM\",5", "+CPMS: 1,2,3", "+CPMS: \"SM\",x,30", "+CPMS:"})
    EXPECT_FALSE(parse_cpms(bad)) << bad;
}

}  // namespace
}  // namespace jumbe::at
