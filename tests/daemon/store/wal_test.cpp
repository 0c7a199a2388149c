// The writer checkpoints the WAL itself (after completions, see writer.cpp); this checks that it
// really does, i.e. the -wal file stays bounded while far more than its limit is written.
#include <atomic>
#include <thread>

#include "test_support.hpp"

namespace jumbe::store::test {
namespace {

TEST(StoreWal, WalStaysBoundedUnderSustainedWrites) {
  TempDir dir;
  const std::string path = dir.file("wal.db");
  auto store = open_or_die(path);
  // 12,000 messages of 1.5 KB: about 18 MB written, over four times the 1,000-page limit.
  std::atomic<int> pending{0};
  std::atomic<int> failed{0};
  for (int i = 0; i < 12000; ++i) {
    while (pending.load() > 512)
      std::this_thread::yield();
    ++pending;
    store->enqueue(text_to("+254712345678", std::string(1500, 'w') + std::to_string(i)), kT0,
                   [&](Result<EnqueueResult> r) {
                     if (!r) ++failed;
                     --pending;
                   });
  }
  while (pending.load() > 0)
    std::this_thread::yield();
  ASSERT_EQ(failed.load(), 0);
  const auto wal = std::filesystem::file_size(path + "-wal");
  EXPECT_LT(wal, 12u * 1024 * 1024) << "the WAL is never checkpointed";
  EXPECT_EQ(*store->count_in_state(State::queued), 12000);
}

}  // namespace
}  // namespace jumbe::store::test
