// jumbe-sim: GSM modems on pseudo-terminals for demos and tests. Parses the command line (and an
// optional YAML file of modems), starts one ModemRunner per modem on one io_context, serves the
// control socket, runs a --script scenario. Exit codes: 0 clean stop (SIGINT/SIGTERM or script
// end), 1 a modem or socket could not be set up, 2 usage error.
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "control.hpp"
#include "control_server.hpp"
#include "identity.hpp"
#include "jumbe/sim/profile.hpp"
#include "jumbe/version.hpp"
#include "modem_runner.hpp"

namespace {

namespace asio = boost::asio;
using namespace jumbe::sim;

struct ModemSpec {
  std::string name, pty, profile, op, msisdn, imsi, imei, iccid, smsc, pin;
  bool sim_present = true;
};

struct Settings {
  std::string pty;
  int modems = 1;
  std::string profile = "generic";
  std::string op;
  std::string msisdn, imsi, imei, iccid, smsc, pin, name;
  std::string control;
  std::string script;
  std::string config;
  int command_latency_ms = 0;
  int send_latency_ms = 0;
  int max_sends_per_minute = 0;
  int status_report_delay_ms = 1000;
  int sm_capacity = 30;
  int noise_interval_ms = -1;
  int boot_ms = 300;
  bool no_sim = false;
};

const char* kOperators[] = {"safaricom", "airtel", "telkom"};

// Runs the --script file: JSON lines sent to the control dispatcher in order; {"cmd":"sleep",
// "ms":N} waits; lines starting with '#' are comments. Responses are printed to stdout.
class ScriptRunner {
 public:
  ScriptRunner(asio::io_context& io, Control& control, std::vector<std::string> lines, bool stop)
      : io_(io), control_(control), lines_(std::move(lines)), timer_(io), stop_at_end_(stop) {}
  void next() {
    while (pos_ < lines_.size()) {
      const auto line = lines_[pos_++];
      if (line.empty() || line[0] == '#') continue;
      auto req = nlohmann::json::parse(line, nullptr, false);
      if (!req.is_discarded() && req.is_object() && req.value("cmd", "") == "sleep") {
        timer_.expires_after(std::chrono::milliseconds{req.value("ms", 0)});
        timer_.async_wait([this](boost::system::error_code ec) {
          if (!ec) next();
        });
        return;
      }
      std::cout << control_.handle_line(line) << std::endl;
    }
    if (stop_at_end_) io_.stop();
  }

 private:
  asio::io_context& io_;
  Control& control_;
  std::vector<std::string> lines_;
  std::size_t pos_ = 0;
  asio::steady_timer timer_;
  bool stop_at_end_;
};

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App app{
      "jumbe-sim: GSM modems on pseudo-terminals, speaking AT (3GPP TS 27.007/27.005) like real\n"
      "Huawei / SIMCom / Quectel sticks, for demos and tests. Point any AT client (gammu, smsd,\n"
      "jumbed) at the --pty path. See docs/jumbe-sim.md for the control socket.\n\n"
      "Exit codes: 0 stopped cleanly, 1 setup failed, 2 usage error.",
      "jumbe-sim"};
  app.set_version_flag("--version", std::string{"jumbe-sim "} + std::string{jumbe::version()},
                       "Print the version (git describe of the build) and exit");
  app.add_option("--pty", s.pty,
                 "Symlink path of the modem's port; with --modems N > 1, PATH0..PATH(N-1)");
  app.add_option("--modems", s.modems, "Number of modems")->check(CLI::Range(1, 64));
  app.add_option("--profile", s.profile, "generic | huawei | simcom | quectel")
      ->check(CLI::IsMember(profile_names()));
  app.add_option("--operator", s.op,
                 "safaricom | airtel | telkom (default: rotate through them per modem)");
  app.add_option("--name", s.name, "Control-socket name of the modem (single modem)");
  app.add_option("--msisdn", s.msisdn, "Phone number, +254... (single modem)");
  app.add_option("--imsi", s.imsi, "IMSI (single modem)");
  app.add_option("--imei", s.imei, "IMEI (single modem)");
  app.add_option("--iccid", s.iccid, "ICCID (single modem)");
  app.add_option("--smsc", s.smsc, "SMS centre number");
  app.add_option("--pin", s.pin, "Lock the SIM with this PIN (PUK is 12345678)");
  app.add_flag("--no-sim", s.no_sim, "Start with no SIM inserted");
  app.add_option("--config", s.config, "YAML file listing modems (see docs/jumbe-sim.md)");
  app.add_option("--control", s.control, "Unix socket for the JSON control protocol");
  app.add_option("--script", s.script, "Run a scenario file of control requests (JSON lines)");
  app.add_option("--command-latency-ms", s.command_latency_ms, "Delay before each response")
      ->check(CLI::Range(0, 600000));
  app.add_option("--send-latency-ms", s.send_latency_ms,
                 "Extra delay of +CMGS (the radio network; 0 in tests, ~1500 in demos)")
      ->check(CLI::Range(0, 600000));
  app.add_option("--max-sends-per-minute", s.max_sends_per_minute, "0 = unlimited")
      ->check(CLI::Range(0, 100000));
  app.add_option("--status-report-delay-ms", s.status_report_delay_ms,
                 "Delay of automatic status reports for sends with SRR")
      ->check(CLI::Range(0, 86400000));
  app.add_option("--sm-capacity", s.sm_capacity, "SIM message storage size")
      ->check(CLI::Range(1, 255));
  app.add_option("--noise-interval-ms", s.noise_interval_ms,
                 "Period of Huawei ^RSSI noise (default 10000 for huawei, 0 = off)")
      ->check(CLI::Range(0, 3600000));
  app.add_option("--boot-ms", s.boot_ms, "Time a reset or replug takes")
      ->check(CLI::Range(0, 60000));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  std::vector<ModemSpec> specs;
  if (!s.config.empty()) {
    try {
      const YAML::Node root = YAML::LoadFile(s.config);
      const auto list = root["modems"];
      if (!list || !list.IsSequence() || list.size() == 0) {
        std::cerr << "jumbe-sim: " << s.config << ": needs a non-empty 'modems' list\n";
        return 2;
      }
      for (const auto& n : list) {
        ModemSpec m;
        auto str = [&](const char* k) { return n[k] ? n[k].as<std::string>() : std::string{}; };
        m.name = str("name");
        m.pty = str("pty");
        m.profile = n["profile"] ? str("profile") : s.profile;
        m.op = str("operator");
        m.msisdn = str("msisdn");
        m.imsi = str("imsi");
        m.imei = str("imei");
        m.iccid = str("iccid");
        m.smsc = str("smsc");
        m.pin = str("pin");
        m.sim_present = n["sim"] ? n["sim"].as<bool>() : true;
        if (m.pty.empty()) {
          std::cerr << "jumbe-sim: " << s.config << ": modem " << specs.size() << " has no 'pty'\n";
          return 2;
        }
        specs.push_back(m);
      }
    } catch (const YAML::Exception& e) {
      std::cerr << "jumbe-sim: " << s.config << ": " << e.what() << "\n";
      return 2;
    }
  } else {
    if (s.pty.empty()) {
      std::cerr << "jumbe-sim: --pty PATH (or --config FILE) is required\n";
      return 2;
    }
    for (int i = 0; i < s.modems; ++i) {
      ModemSpec m;
      m.pty = s.modems == 1 ? s.pty : s.pty + std::to_string(i);
      m.profile = s.profile;
      m.op = s.op;
      if (s.modems == 1) {
        m.name = s.name;
        m.msisdn = s.msisdn;
        m.imsi = s.imsi;
        m.imei = s.imei;
        m.iccid = s.iccid;
      }
      m.smsc = s.smsc;
      m.pin = s.pin;
      m.sim_present = !s.no_sim;
      specs.push_back(m);
    }
  }

  asio::io_context io;
  std::vector<std::unique_ptr<ModemRunner>> modems;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& m = specs[i];
    const auto op_name = m.op.empty() ? std::string{kOperators[i % 3]} : m.op;
    const auto op = operator_identity(op_name);
    if (!op) {
      std::cerr << "jumbe-sim: unknown operator '" << op_name << "' (safaricom, airtel, telkom)\n";
      return 2;
    }
    const auto profile = find_profile(m.profile);
    if (!profile) {
      std::cerr << "jumbe-sim: unknown profile '" << m.profile
                << "' (generic, huawei, simcom, quectel)\n";
      return 2;
    }
    Identity base = *op;
    base.name = m.name;
    if (!m.msisdn.empty()) base.msisdn = m.msisdn;
    Identity id = make_identity(base, static_cast<int>(i));
    if (!m.imsi.empty()) id.imsi = m.imsi;
    if (!m.imei.empty()) id.imei = m.imei;
    if (!m.iccid.empty()) id.iccid = m.iccid;
    if (!m.smsc.empty()) id.smsc = m.smsc;
    EngineOptions eo;
    eo.identity = id;
    eo.profile = *profile;
    eo.pin = m.pin;
    eo.sim_present = m.sim_present;
    eo.sm_capacity = s.sm_capacity;
    eo.max_sends_per_minute = s.max_sends_per_minute;
    eo.status_report_delay_ms = s.status_report_delay_ms;
    RunnerOptions ro;
    ro.pty_path = m.pty;
    ro.command_latency_ms = s.command_latency_ms;
    ro.send_latency_ms = s.send_latency_ms;
    ro.boot_ms = s.boot_ms;
    ro.noise_interval_ms =
        s.noise_interval_ms >= 0 ? s.noise_interval_ms : (profile->huawei_urcs ? 10000 : 0);
    ro.seed = static_cast<unsigned>(i + 1);
    auto runner = std::make_unique<ModemRunner>(io, static_cast<int>(i), eo, ro);
    if (const auto r = runner->start(); !r) {
      std::cerr << "jumbe-sim: modem " << i << " (" << m.pty << "): " << r.error() << "\n";
      return 1;
    }
    std::cerr << "jumbe-sim: modem " << i << " '" << id.name << "' " << profile->name << " "
              << id.operator_long << " " << id.msisdn << " at " << m.pty << " -> "
              << runner->slave_path() << "\n";
    modems.push_back(std::move(runner));
  }

  Control control(modems);
  std::unique_ptr<ControlServer> server;
  if (!s.control.empty()) {
    server = std::make_unique<ControlServer>(io, control, s.control);
    if (const auto r = server->start(); !r) {
      std::cerr << "jumbe-sim: " << r.error() << "\n";
      return 1;
    }
    std::cerr << "jumbe-sim: control socket at " << s.control << "\n";
  }

  std::unique_ptr<ScriptRunner> script;
  if (!s.script.empty()) {
    std::ifstream in(s.script);
    if (!in) {
      std::cerr << "jumbe-sim: cannot read script " << s.script << "\n";
      return 2;
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
      lines.push_back(line);
    // Without a control socket nobody else can drive the sim: stop when the script ends.
    script = std::make_unique<ScriptRunner>(io, control, std::move(lines), s.control.empty());
    asio::post(io, [&] { script->next(); });
  }

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) { io.stop(); });
  io.run();
  for (auto& m : modems)
    m->unplug(0);  // removes the symlinks
  return 0;
}
