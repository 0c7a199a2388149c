// Logger set-up: levels per component and reload changing them in place.
#include "jumbe/log/setup.hpp"

#include <gtest/gtest.h>

using namespace jumbe;

namespace {

TEST(LogSetup, LevelPerComponentAndReload) {
  config::LoggingConfig cfg;
  cfg.sink = config::LogSink::stderr_;
  cfg.level = config::LogLevel::warn;
  cfg.components["at"] = config::LogLevel::trace;
  log::init(cfg);
  auto router = log::get("router");
  EXPECT_EQ(router->level(), spdlog::level::warn);
  EXPECT_EQ(log::get("at")->level(), spdlog::level::trace);
  EXPECT_EQ(log::get("router"), router);  // one logger per component
  cfg.level = config::LogLevel::debug;
  cfg.show_numbers = true;
  log::init(cfg);
  EXPECT_EQ(router->level(), spdlog::level::debug);
  EXPECT_TRUE(log::privacy().show_numbers);
}

TEST(LogSetup, JournalStreamMustMatchStderr) {
  setenv("JOURNAL_STREAM", "1:2", 1);
  EXPECT_FALSE(log::under_journald());  // stderr of the test is not the journal
  unsetenv("JOURNAL_STREAM");
  EXPECT_FALSE(log::under_journald());
}

}  // namespace
