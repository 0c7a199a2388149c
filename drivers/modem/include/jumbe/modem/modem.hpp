// One modem's driver on Asio: open (drivers/serial) -> probe -> init -> storage/PDU mode -> +CNMI
// -> registration -> ready, then send / receive / status reports / USSD / health, and reset with
// backoff or waiting for a replug. Contract: all public calls and all callbacks run on the
// executor given to create() (the commit callback may be called from any thread: it posts);
// every request completes exactly once; a SIM message is deleted only after its commit fired;
// a refused PIN is never sent again. Nothing here knows the daemon (issue 5, "interface").
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without including it
// clang-format on
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "jumbe/at/channel.hpp"
#include "jumbe/modem/health.hpp"
#include "jumbe/modem/inbox.hpp"
#include "jumbe/modem/profile.hpp"
#include "jumbe/modem/send_plan.hpp"
#include "jumbe/modem/state_machine.hpp"
#include "jumbe/modem/ussd_session.hpp"
#include "jumbe/pdu/sms_deliver.hpp"
#include "jumbe/pdu/status_report.hpp"
#include "jumbe/serial/port.hpp"

namespace jumbe::modem {

struct ModemConfig {
  std::string name;              // "saf-1": used in every log line and event
  std::string device;            // path to open: /dev/ttyUSB2, a by-path link, or a jumbe-sim pty
  std::string profile = "auto";  // "auto" (USB id, then +CGMI/+CGMM) or a profile name
  std::optional<UsbId> usb;      // known from discovery; helps "auto"
  Flags overrides;               // profile flag overrides from the config
  std::optional<std::string> pin;
  serial::LineSettings line;
  at::TimeoutTable timeouts = at::kDefaultTimeouts;
  UssdSession::Config ussd;
  std::chrono::milliseconds registration_poll{2000};  // while not registered
  std::chrono::milliseconds reopen_base{1000};        // backoff for reopen / reset
  std::chrono::milliseconds reopen_cap{std::chrono::minutes(5)};
  std::chrono::milliseconds reset_settle{3000};  // after AT+CFUN=1,1 before reopening
  bool trace = false;                            // raw AT traffic to the log (redacted)
  at::TraceOptions trace_options;
};

enum class LogLevel { debug, info, warn, error };

struct InboundMessage {
  std::string modem;
  std::string storage;                  // "SM", or "" for +CMT (not stored)
  int index = -1;                       // SIM index, -1 for +CMT
  std::string pdu;                      // hex as the modem printed it, SMSC field first
  std::optional<pdu::Deliver> deliver;  // nullopt when it did not decode (see decode_error)
  std::string decode_error;
  // Call once the message is durably stored; only then is it deleted from the SIM (or, for
  // +CMT, acknowledged with +CNMA). Safe to call from any thread, more than once.
  std::function<void()> commit;
};

struct StatusReportEvent {
  std::string modem;
  int mr = 0;
  std::string recipient;
  std::uint8_t status = 0;  // TP-ST (TS 23.040 9.2.3.15)
  pdu::StatusReport report;
  std::function<void()> commit;  // as for InboundMessage (stored reports live on the SIM too)
};

struct UssdEvent {  // network-initiated USSD, or a session the network ended on its own
  std::string modem;
  int status = 0;
  std::string text;
  bool session_open = false;
};

struct ModemEvents {
  std::function<void(InboundMessage)> on_inbound;
  std::function<void(StatusReportEvent)> on_status_report;
  std::function<void(UssdEvent)> on_ussd;
  std::function<void(const Health&)> on_health;
  std::function<void(LogLevel, const std::string&)> on_log;
};

class Modem : public std::enable_shared_from_this<Modem> {
 public:
  using SendCallback = std::function<void(SendResult)>;
  using UssdCallback = std::function<void(UssdSession::Completed)>;

  static std::shared_ptr<Modem> create(boost::asio::any_io_executor executor, ModemConfig config,
                                       ModemEvents events);
  ~Modem();

  void start();
  // Stops taking work, lets the command in flight finish, closes the port. Queued sends
  // complete as retry-elsewhere. `done` runs once the port is closed.
  void stop(std::function<void()> done = nullptr);

  // Queues a message. Completes at once with retry-elsewhere when the modem is not ready, or
  // permanent when the text/recipient cannot be encoded.
  void send(SendRequest request, SendCallback done);
  // A USSD request, or the answer to an open menu. One at a time per modem.
  void ussd(std::string text, UssdCallback done);
  void cancel_ussd();
  // Resets the modem (profile's reset_method) as if it had stopped answering.
  void reset(std::string reason);

  const std::string& name() const { return config_.name; }
  State state() const { return sm_.state(); }
  bool ready() const { return is_ready(sm_.state()); }
  const Health& health() const { return health_; }
  std::size_t queued_sends() const { return send_queue_.size(); }
  const Inbox& inbox() const { return inbox_; }

 private:
  struct SendJob {
    SendRequest request;
    SendPlan plan;
    SendCallback done;
  };
  enum class End { none, port_lost, unresponsive, reset_requested, stopped };
  enum class Step { ok, failed, timeout, ended };

  Modem(boost::asio::any_io_executor executor, ModemConfig config, ModemEvents events);

  // Lifecycle (modem.cpp).
  boost::asio::awaitable<void> life();
  boost::asio::awaitable<bool> bring_up(std::uint64_t gen);
  boost::asio::awaitable<Step> initialise(std::uint64_t gen);
  boost::asio::awaitable<Step> configure(std::uint64_t gen);
  boost::asio::awaitable<at::CommandResult> command(at::Command cmd);
  boost::asio::awaitable<at::CommandResult> command(std::string line,
                                                    at::CommandKind kind = at::CommandKind::plain,
                                                    at::Priority prio = at::Priority::normal);
  boost::asio::awaitable<void> sleep(std::chrono::milliseconds d);
  boost::asio::awaitable<void> teardown();
  void end_session(End kind, const std::string& reason);
  bool live(std::uint64_t gen) const { return gen == session_ && session_live_; }
  void fire(Event e);
  void log(LogLevel level, const std::string& text);
  void note_error(const std::string& text);
  void publish_health(bool force = false);
  void fail_queued_sends(const std::string& why);

  // Traffic (modem_traffic.cpp).
  void on_urc(const at::Urc& urc);
  void on_channel_event(const at::ChannelEvent& ev);
  void on_registration(const at::Registration& reg);
  boost::asio::awaitable<void> sender_loop(std::uint64_t gen);
  boost::asio::awaitable<void> inbound_loop(std::uint64_t gen);
  boost::asio::awaitable<void> health_loop(std::uint64_t gen);
  boost::asio::awaitable<void> sweep(std::uint64_t gen);
  boost::asio::awaitable<bool> poll_registration(std::uint64_t gen);
  void hand_inbound(const Inbox::Handoff& h);
  void handle_direct(const at::Urc& urc);
  void drain_ussd_outputs();
  void arm_ussd_timer();
  std::function<void()> make_commit(Inbox::Token token);
  void wake(boost::asio::steady_timer& t) { t.cancel(); }

  boost::asio::any_io_executor executor_;
  ModemConfig config_;
  ModemEvents events_;
  StateMachine sm_;
  Settings settings_;
  std::string profile_name_;
  std::shared_ptr<at::AtChannel> channel_;
  Health health_;
  Health published_;
  Inbox inbox_;
  UssdSession ussd_;
  UssdCallback ussd_done_;
  Backoff backoff_;
  std::deque<SendJob> send_queue_;
  std::map<std::string, bool> registered_;  // per domain (creg/cgreg/cereg)

  std::uint64_t session_ = 0;
  bool session_live_ = false;
  End end_ = End::none;
  std::string end_reason_;
  bool stopping_ = false;
  bool send_in_flight_ = false;  // sender_loop is between taking a job and completing it
  bool pin_refused_ = false;
  bool sweep_requested_ = false;
  std::function<void()> stop_done_;

  boost::asio::steady_timer session_timer_;  // life() waits on it while a session runs
  boost::asio::steady_timer sender_wake_;
  boost::asio::steady_timer inbound_wake_;
  boost::asio::steady_timer health_wake_;
  boost::asio::steady_timer ussd_timer_;
  boost::asio::steady_timer pause_timer_;  // life()'s backoff and settle sleeps
};

}  // namespace jumbe::modem
