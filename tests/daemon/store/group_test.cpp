// Group membership (the alert lists residents join, e.g. LANET for Lanet ward): idempotent adds
// counted by what was new, names folded to upper case, join order kept, removal, and refusals
// that name the bad number. Numbers are Safaricom/Airtel-shaped Kenyan E.164 (+2547xx, +2541xx).
#include <set>

#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

class StoreGroup : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<Store> store = open_or_die(dir.file("g.db"));
  Sync s{*store};
};

TEST_F(StoreGroup, AddCountsOnlyNewNumbersAndKeepsJoinOrder) {
  EXPECT_EQ(*s.group_add("LANET", {"+254712000003", "+254733000001", "+254712000003"}), 2);
  EXPECT_EQ(*s.group_add("LANET", {"+254733000001", "+254110000009"}), 1);
  auto m = store->group_members("LANET");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(*m, (std::vector<std::string>{"+254712000003", "+254733000001", "+254110000009"}));
  EXPECT_EQ(*store->group_size("LANET"), 3);
}

TEST_F(StoreGroup, NamesAreOneGroupWhateverTheCase) {
  ASSERT_EQ(*s.group_add("lanet", {"+254712000001"}), 1);
  EXPECT_EQ(*s.group_add("Lanet", {"+254712000001"}), 0);
  EXPECT_EQ(*store->group_size("LANET"), 1);
  EXPECT_EQ(store->group_members("lAnEt")->size(), 1u);
  EXPECT_EQ(*s.group_remove("lanet", "+254712000001"), 1);
  EXPECT_EQ(*store->group_size("LANET"), 0);
}

TEST_F(StoreGroup, GroupsAreSeparate) {
  ASSERT_EQ(*s.group_add("LANET", {"+254712000001"}), 1);
  ASSERT_EQ(*s.group_add("KIAMUNYI", {"+254712000001", "+254712000002"}), 2);
  EXPECT_EQ(*store->group_size("LANET"), 1);
  EXPECT_EQ(*store->group_size("KIAMUNYI"), 2);
  EXPECT_EQ(*s.group_remove("KIAMUNYI", "+254712000001"), 1);
  EXPECT_EQ(*store->group_members("LANET"), std::vector<std::string>{"+254712000001"});
}

TEST_F(StoreGroup, RemoveSaysWhetherTheNumberWasAMember) {
  ASSERT_EQ(*s.group_add("LANET", {"+254712000001", "+254712000002"}), 2);
  EXPECT_EQ(*s.group_remove("LANET", "+254712000001"), 1);
  EXPECT_EQ(*s.group_remove("LANET", "+254712000001"), 0);
  EXPECT_EQ(*s.group_remove("NOSUCH", "+254712000002"), 0);
  EXPECT_EQ(*store->group_members("LANET"), std::vector<std::string>{"+254712000002"});
  // Rejoining puts the number at the end of the join order.
  EXPECT_EQ(*s.group_add("LANET", {"+254712000001"}), 1);
  EXPECT_EQ(*store->group_members("LANET"),
            (std::vector<std::string>{"+254712000002", "+254712000001"}));
}

TEST_F(StoreGroup, UnknownOrEmptyGroupHasNoMembers) {
  EXPECT_TRUE(store->group_members("NOSUCH")->empty());
  EXPECT_EQ(*store->group_size("NOSUCH"), 0);
  EXPECT_EQ(*s.group_add("LANET", {}), 0);
  EXPECT_EQ(*store->group_size("LANET"), 0);
}

TEST_F(StoreGroup, BadNumberRefusesTheWholeRequestAndNamesIt) {
  auto r = s.group_add("LANET", {"+254712000001", "0712000002"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(r.error().message.find("number 2 '0712000002'"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(*store->group_size("LANET"), 0) << "nothing of a refused request is kept";
  auto rm = s.group_remove("LANET", "hello");
  ASSERT_FALSE(rm);
  EXPECT_EQ(rm.error().code, ErrorCode::invalid_argument);
}

TEST_F(StoreGroup, EmptyOrOverlongNameIsRefused) {
  EXPECT_EQ(s.group_add("", {"+254712000001"}).error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(s.group_remove("", "+254712000001").error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(store->group_members("").error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(store->group_size(std::string(65, 'A')).error().code, ErrorCode::invalid_argument);
}

TEST_F(StoreGroup, MembershipSurvivesReopen) {
  ASSERT_EQ(*s.group_add("LANET", {"+254712000001", "+254712000002"}), 2);
  store.reset();
  auto again = open_or_die(dir.file("g.db"));
  EXPECT_EQ(*again->group_size("LANET"), 2);
}

TEST_F(StoreGroup, TwentyThousandMembersReadBackInJoinOrder) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 20000; ++i)
    numbers.push_back("+2547" + std::to_string(20000000 + (i * 7919) % 1000000));
  const int distinct =
      static_cast<int>(std::set<std::string>(numbers.begin(), numbers.end()).size());
  ASSERT_EQ(*s.group_add("LANET", numbers), distinct);
  auto m = store->group_members("LANET");
  ASSERT_EQ(static_cast<int>(m->size()), distinct);
  EXPECT_EQ(m->front(), numbers.front());
  EXPECT_EQ((*m)[1], numbers[1]);
}

}  // namespace
}  // namespace jumbe::store::test
