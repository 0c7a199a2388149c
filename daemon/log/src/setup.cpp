// Logger registry (see setup.hpp). The sink is chosen once per init(); loggers are kept in a
// small map so reload changes levels without re-creating loggers that other objects hold.
#include "jumbe/log/setup.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

namespace jumbe::log {

namespace {

struct Registry {
  std::mutex mu;
  config::LoggingConfig cfg;
  Privacy privacy;
  spdlog::sink_ptr sink;
  std::map<std::string, std::shared_ptr<spdlog::logger>, std::less<>> loggers;
};

Registry& registry() {
  static Registry r;
  return r;
}

spdlog::level::level_enum level_for(const config::LoggingConfig& cfg, std::string_view comp) {
  auto it = cfg.components.find(std::string(comp));
  return to_spdlog(it == cfg.components.end() ? cfg.level : it->second);
}

spdlog::sink_ptr make_sink(const config::LoggingConfig& cfg) {
  const bool journal = cfg.sink == config::LogSink::journald ||
                       (cfg.sink == config::LogSink::auto_ && under_journald());
  if (journal) {
    // The journal adds its own time stamp and priority; keep the component in the text.
    auto s = std::make_shared<spdlog::sinks::systemd_sink_mt>("jumbed");
    s->set_pattern("[%n] %v");
    return s;
  }
  auto s = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
  s->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%n] %v");
  return s;
}

}  // namespace

bool under_journald() {
  // JOURNAL_STREAM is "dev:inode" of the journal's socket; it must match stderr to count
  // (a child of a systemd service may inherit the variable with stderr redirected).
  const char* js = std::getenv("JOURNAL_STREAM");
  if (!js) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(js, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  if (fstat(2, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev &&
         static_cast<unsigned long long>(st.st_ino) == ino;
}

spdlog::level::level_enum to_spdlog(config::LogLevel level) {
  switch (level) {
    case config::LogLevel::trace:
      return spdlog::level::trace;
    case config::LogLevel::debug:
      return spdlog::level::debug;
    case config::LogLevel::info:
      return spdlog::level::info;
    case config::LogLevel::warn:
      return spdlog::level::warn;
    case config::LogLevel::error:
      return spdlog::level::err;
    case config::LogLevel::off:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

void init(const config::LoggingConfig& cfg) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  const bool sink_changed = !r.sink || r.cfg.sink != cfg.sink;
  r.cfg = cfg;
  r.privacy = Privacy{cfg.show_numbers, cfg.show_texts};
  if (sink_changed) r.sink = make_sink(cfg);
  for (auto& [name, logger] : r.loggers) {
    if (sink_changed) logger->sinks() = {r.sink};
    logger->set_level(level_for(cfg, name));
  }
}

std::shared_ptr<spdlog::logger> get(std::string_view component) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  if (auto it = r.loggers.find(component); it != r.loggers.end()) return it->second;
  if (!r.sink) r.sink = make_sink(r.cfg);
  auto logger = std::make_shared<spdlog::logger>(std::string(component), r.sink);
  logger->set_level(level_for(r.cfg, component));
  logger->flush_on(spdlog::level::trace);  // a daemon's log must be complete when it dies
  r.loggers.emplace(std::string(component), logger);
  return logger;
}

const Privacy& privacy() {
  return registry().privacy;
}

}  // namespace jumbe::log
