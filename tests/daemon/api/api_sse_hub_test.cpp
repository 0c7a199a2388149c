// The event hub (daemon/api/events_hub.hpp) on a real SQLite store: subscribers resume from a
// cursor and get exactly the later events in order, filter by kind, share one store read per
// wake-up however many they are, a subscriber that stops reading is dropped without holding up
// the others, one far behind catches up in bounded steps, and an idle stream gets keepalives.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <optional>
#include <string_view>

#include "jumbe/api/events_hub.hpp"
#include "jumbe/store/sqlite_store.hpp"

namespace jumbe::api {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

class ApiSseHub : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jumbe-api-hub-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto st = store::open_sqlite_store({dir_ + "/jumbe.db"});
    ASSERT_TRUE(st) << st.error().message;
    store_ = std::move(*st);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  store::EventId append(store::EventKind k, std::string detail) {
    auto id = store::wait_for<store::EventId>([&](auto done) {
      store_->append_event(k, 0, std::move(detail), 1795428902123, std::move(done));
    });
    EXPECT_TRUE(id);
    return id ? *id : 0;
  }

  // Runs the loop until pred() or a generous failure timeout.
  bool run_until(const std::function<bool()>& pred, std::chrono::seconds limit = 20s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
      if (std::chrono::steady_clock::now() > end) return false;
      io_.restart();
      io_.run_for(5ms);
    }
    return true;
  }

  // One frame "id: N\nevent: KIND\ndata: {...}\n\n" taken off the front of `rest`. (No std::regex:
  // g++ 12 warns inside <regex> under -O2 with sanitizers.)
  struct Frame {
    store::EventId id;
    std::string kind;
  };
  static std::optional<Frame> parse_frame(std::string_view& rest) {
    auto line = [&](std::string_view prefix) -> std::optional<std::string_view> {
      if (!rest.starts_with(prefix)) return std::nullopt;
      auto end = rest.find('\n');
      if (end == std::string_view::npos) return std::nullopt;
      auto value = rest.substr(prefix.size(), end - prefix.size());
      rest.remove_prefix(end + 1);
      return value;
    };
    auto id = line("id: ");
    auto kind = line("event: ");
    auto data = line("data: ");
    if (!id || !kind || !data || id->empty() || kind->empty() || !data->starts_with('{') ||
        !data->ends_with('}') || !rest.starts_with('\n'))
      return std::nullopt;
    rest.remove_prefix(1);
    Frame f{0, std::string(*kind)};
    for (char c : *id) {
      if (c < '0' || c > '9') return std::nullopt;
      f.id = f.id * 10 + (c - '0');
    }
    return f;
  }

  // A reader that collects every frame's id (keepalives counted apart) until the stream ends.
  struct Reader {
    std::vector<store::EventId> ids;
    std::vector<std::string> kinds;
    int keepalives = 0;
    bool ended = false;
  };
  std::shared_ptr<Reader> read(std::shared_ptr<Subscription> sub) {
    auto r = std::make_shared<Reader>();
    asio::co_spawn(
        io_,
        [sub, r]() -> asio::awaitable<void> {
          while (true) {
            auto chunk = co_await sub->next();
            if (chunk.empty()) break;
            std::string_view rest = chunk;
            while (!rest.empty()) {
              if (rest.starts_with(kSseKeepalive)) {
                ++r->keepalives;
                rest.remove_prefix(kSseKeepalive.size());
                continue;
              }
              auto frame = parse_frame(rest);
              if (!frame) {
                ADD_FAILURE() << "not an SSE frame: " << rest;
                co_return;
              }
              r->ids.push_back(frame->id);
              r->kinds.push_back(frame->kind);
            }
          }
          r->ended = true;
        },
        asio::detached);
    return r;
  }

  std::string dir_;
  std::unique_ptr<store::Store> store_;
  asio::io_context io_{1};
};

TEST_F(ApiSseHub, ResumesAfterTheCursorWithEveryLaterEventInOrder) {
  std::vector<store::EventId> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(append(store::EventKind::modem_health, "m"));
  EventHub hub(io_.get_executor(), *store_);
  auto r = read(hub.subscribe("ops", ids[1], KindSet::all()));
  ASSERT_TRUE(run_until([&] { return r->ids.size() >= 3; }));
  EXPECT_EQ(r->ids, (std::vector<store::EventId>{ids[2], ids[3], ids[4]}));
  // New events after subscribing arrive when the hub is woken.
  const auto later = append(store::EventKind::ussd, "saf-1 0 Una ujumbe mpya");
  hub.wake();
  ASSERT_TRUE(run_until([&] { return r->ids.size() >= 4; }));
  EXPECT_EQ(r->ids.back(), later);
  EXPECT_EQ(r->kinds.back(), "ussd");
}

TEST_F(ApiSseHub, WritesByAnotherProcessArriveThroughThePoll) {
  EventHubOptions o;
  o.poll_every = 20ms;
  EventHub hub(io_.get_executor(), *store_, o);
  auto r = read(hub.subscribe("ops", 0, KindSet::all()));
  io_.run_for(10ms);
  const auto id = append(store::EventKind::modem_health, "saf-1: REGISTERED");  // no wake()
  ASSERT_TRUE(run_until([&] { return !r->ids.empty(); }));
  EXPECT_EQ(r->ids.front(), id);
}

TEST_F(ApiSseHub, KindsFilterWhatASubscriberSees) {
  EventHub hub(io_.get_executor(), *store_);
  auto kinds = parse_kinds("ussd");
  auto only_ussd = read(hub.subscribe("a", 0, *kinds));
  auto every = read(hub.subscribe("b", 0, KindSet::all()));
  append(store::EventKind::modem_health, "m");
  const auto u = append(store::EventKind::ussd, "u");
  append(store::EventKind::modem_health, "m");
  hub.wake();
  ASSERT_TRUE(run_until([&] { return every->ids.size() == 3; }));
  io_.run_for(20ms);
  EXPECT_EQ(only_ussd->ids, std::vector<store::EventId>{u});
}

TEST_F(ApiSseHub, FiftyLiveSubscribersShareOneReadAndOneFramePerEvent) {
  EventHubOptions o;
  o.poll_every = 1h;  // only explicit wakes in this test
  EventHub hub(io_.get_executor(), *store_, o);
  std::vector<std::shared_ptr<Reader>> readers;
  std::vector<std::shared_ptr<Subscription>> subs;
  for (int i = 0; i < 50; ++i) {
    subs.push_back(hub.subscribe("c" + std::to_string(i), 0, KindSet::all()));
    readers.push_back(read(subs.back()));
  }
  ASSERT_TRUE(run_until([&] { return hub.store_reads() > 0; }));
  io_.run_for(20ms);
  const auto reads_before = hub.store_reads();
  // Many writes and many wakes in one loop turn: one read.
  for (int i = 0; i < 10; ++i)
    append(store::EventKind::modem_health, "m" + std::to_string(i));
  for (int i = 0; i < 100; ++i)
    hub.wake();
  ASSERT_TRUE(run_until([&] {
    for (const auto& r : readers)
      if (r->ids.size() < 10) return false;
    return true;
  }));
  EXPECT_EQ(hub.store_reads() - reads_before, 1u);
  EXPECT_EQ(hub.frames_built(), 10u);
  for (const auto& r : readers)
    EXPECT_EQ(r->ids, readers.front()->ids);
}

TEST_F(ApiSseHub, ASubscriberThatStopsReadingIsDroppedAndTheOthersContinue) {
  EventHubOptions o;
  o.max_queue_bytes = 4096;
  o.poll_every = 1h;
  EventHub hub(io_.get_executor(), *store_, o);
  auto stuck = hub.subscribe("stuck", 0, KindSet::all());  // nobody calls next()
  auto ok = read(hub.subscribe("ok", 0, KindSet::all()));
  for (int i = 0; i < 100; ++i)
    append(store::EventKind::modem_health, std::string(100, 'x'));
  hub.wake();
  ASSERT_TRUE(run_until([&] { return ok->ids.size() == 100; }));
  EXPECT_TRUE(stuck->closed());
  EXPECT_NE(stuck->close_reason().find("too slow"), std::string::npos);
  EXPECT_EQ(stuck->queued_bytes(), 0u);  // its memory is released
  EXPECT_EQ(hub.dropped(), 1u);
  EXPECT_EQ(hub.subscribers(), 1u);
}

TEST_F(ApiSseHub, AFarBehindSubscriberCatchesUpInBoundedStepsLosingNothing) {
  std::vector<store::EventId> ids;
  for (int i = 0; i < 1000; ++i)
    ids.push_back(append(store::EventKind::modem_health, "m"));
  EventHubOptions o;
  o.batch = 64;
  o.max_queue_bytes = 16 * 1024;  // far less than 1000 frames: it must not be dropped
  o.catch_up_below = 4 * 1024;
  o.poll_every = 1h;
  EventHub hub(io_.get_executor(), *store_, o);
  auto sub = hub.subscribe("replay", 0, KindSet::all());
  auto r = read(sub);
  ASSERT_TRUE(run_until([&] { return r->ids.size() >= 1000 || sub->closed(); }));
  EXPECT_FALSE(sub->closed()) << sub->close_reason();
  EXPECT_EQ(r->ids, ids);
}

TEST_F(ApiSseHub, AnIdleStreamGetsKeepalives) {
  EventHubOptions o;
  o.keepalive_every = 20ms;
  EventHub hub(io_.get_executor(), *store_, o);
  auto r = read(hub.subscribe("idle", 0, KindSet::all()));
  ASSERT_TRUE(run_until([&] { return r->keepalives >= 2; }));
  EXPECT_TRUE(r->ids.empty());
}

TEST_F(ApiSseHub, ClosingEndsTheReaderAndTheHubForgetsIt) {
  EventHub hub(io_.get_executor(), *store_);
  auto sub = hub.subscribe("gone", 0, KindSet::all());
  auto r = read(sub);
  io_.run_for(10ms);
  sub->close("client disconnected");
  ASSERT_TRUE(run_until([&] { return r->ended; }));
  EXPECT_EQ(hub.subscribers(), 0u);
}

TEST_F(ApiSseHub, TheWakerOutlivesTheHubSafely) {
  std::function<void()> w;
  {
    EventHub hub(io_.get_executor(), *store_);
    w = hub.waker();
    w();
  }
  w();  // the gateway keeps its listeners; calling one after the hub is gone is a no-op
  io_.run_for(10ms);
  SUCCEED();
}

}  // namespace
}  // namespace jumbe::api
