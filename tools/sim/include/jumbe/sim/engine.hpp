// One simulated GSM modem without I/O: client bytes in, modem bytes out through a Host. It
// implements the AT command set of 3GPP TS 27.007 / 27.005 as real modems show it, with the
// quirks of the selected Profile, and the control operations (deliver, status report, faults).
// Contract: never throws on client input; anything it does not know answers ERROR as per
// V.25ter 5.6; time comes only from the Host, so tests run on a fake clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/sim/at_command.hpp"
#include "jumbe/sim/line_reader.hpp"
#include "jumbe/sim/modem_state.hpp"
#include "jumbe/sim/profile.hpp"
#include "jumbe/sim/sms_codec.hpp"

namespace jumbe::sim {

// What the I/O shell provides to the engine.
class Host {
 public:
  enum class Delay { none, command, send };
  virtual ~Host() = default;
  // Queue bytes for the client after the given latency class (outputs keep their order).
  virtual void emit(std::string bytes, Delay delay) = 0;
  // Run fn after ms on the host's clock (status reports, network regained, ...).
  virtual void after(std::chrono::milliseconds ms, std::function<void()> fn) = 0;
  // AT+CFUN=1,1: close the port and bring a new one up after a short boot.
  virtual void restart() = 0;
  virtual std::int64_t now_ms() = 0;  // wall clock, epoch milliseconds
};

struct EngineOptions {
  Identity identity;
  Profile profile;
  std::string pin;  // "" = no PIN lock
  std::string puk = "12345678";
  bool sim_present = true;
  int signal_rssi = 20;  // +CSQ <rssi>, 0..31
  int sm_capacity = 30;
  int me_capacity = 100;
  int max_sends_per_minute = 0;  // 0 = unlimited
  int status_report_delay_ms = 1000;
  int status_report_status = 0;        // TP-ST 0 = received by the SME
  bool auto_status_reports = true;     // for sends with SRR
  std::int64_t balance_cents = 15230;  // KES 152.30, for *144#
};

class Engine {
 public:
  Engine(EngineOptions options, Host& host);

  // --- client side --------------------------------------------------------------------------
  void input(std::string_view bytes);
  // Power-on / after restart: lines like RDY or ^BOOT per profile. Resets volatile settings.
  void power_on();
  // Periodic unsolicited lines of the profile (Huawei ^RSSI while ^CURC=1).
  void periodic_noise();

  // --- control side (all return an error line or the result) --------------------------------
  struct DeliverOptions {
    std::string from;
    std::string text;
    std::string encoding = "auto";
    std::optional<int> message_class;
  };
  // Delivers an inbound message (one or more parts); returns the storage indices (or -1 each
  // part routed as +CMT).
  tl::expected<std::vector<int>, std::string> deliver(const DeliverOptions& d);
  tl::expected<void, std::string> status_report(int mr, int status);
  void network_ussd(const std::string& text, bool needs_reply);
  void set_ussd_script(const std::string& code, UssdNode root);
  void set_network(bool lost);
  void set_signal(int rssi);
  void set_sim_full(bool full);
  void reset_sim();    // re-reads sim_present / pin from the options (SIM swapped)
  void reset_state();  // back to the start options: storage, sent, faults, counters

  Faults& faults() { return faults_; }
  Counters& counters() { return counters_; }
  const std::vector<SentRecord>& sent() const { return sent_; }
  void clear_sent() { sent_.clear(); }
  const EngineOptions& options() const { return opt_; }
  EngineOptions& mutable_options() { return opt_; }
  SimState sim_state() const { return sim_; }
  bool registered() const { return !faults_.network_lost && sim_ == SimState::ready; }
  // Storage contents for the control socket: (storage, index) -> message.
  const std::map<int, StoredSms>& storage(const std::string& mem) const;
  int rssi() const { return faults_.network_lost ? 99 : opt_.signal_rssi; }

 private:
  struct Reply {
    std::vector<std::string> lines;
    enum class Final { ok, error, cme, cms, prompt, none } final = Final::ok;
    int code = 0;
  };
  using Handler = Reply (Engine::*)(const AtCommand&);

  void handle_line(const std::string& line, bool echo = true);
  void handle_body(const std::string& body, bool send);
  void finish(const std::vector<std::string>& lines, Reply::Final final, int code,
              Host::Delay delay);
  void urc(const std::string& line);  // unsolicited line, \r\n framed
  void ensure_boot_settings();
  Reply dispatch(const AtCommand& c);
  Reply ok(std::vector<std::string> lines = {}) const;
  static Reply error();
  static Reply cme_error(int code);
  static Reply cms_error(int code);
  std::optional<Reply> sim_gate(bool sms) const;
  std::string registration_line(const char* name, int mode, bool urc) const;
  void registration_urcs();

  // Basic and identity (engine.cpp)
  Reply cmd_basic(const AtCommand& c);
  Reply cmd_identity(const AtCommand& c);
  Reply cmd_cmee(const AtCommand& c);
  Reply switch_0_to_2(const AtCommand& c, int& value, std::string query_line);
  Reply cmd_cpin(const AtCommand& c);
  Reply cmd_csq(const AtCommand& c);
  Reply cmd_creg(const AtCommand& c);
  Reply cmd_cops(const AtCommand& c);
  Reply cmd_cfun(const AtCommand& c);
  Reply cmd_cbc(const AtCommand& c);
  Reply cmd_cscs(const AtCommand& c);
  Reply cmd_curc(const AtCommand& c);
  Reply cmd_simple_ok(const AtCommand& c);
  // SMS (engine_sms.cpp)
  Reply cmd_cmgf(const AtCommand& c);
  Reply cmd_csca(const AtCommand& c);
  Reply cmd_csms(const AtCommand& c);
  Reply cmd_cpms(const AtCommand& c);
  Reply cmd_cnmi(const AtCommand& c);
  Reply cmd_cnma(const AtCommand& c);
  Reply cmd_csmp(const AtCommand& c);
  Reply cmd_cmgs(const AtCommand& c);
  Reply cmd_cmgw(const AtCommand& c);
  Reply cmd_cmgr(const AtCommand& c);
  Reply cmd_cmgl(const AtCommand& c);
  Reply cmd_cmgd(const AtCommand& c);
  Reply submit(const std::string& body);
  std::optional<Reply> send_gate();
  void schedule_status_report(int mr);
  int store(const std::string& mem, StoredSms sms);  // index, or -1 when full
  std::map<int, StoredSms>& mem(const std::string& name);
  int capacity(const std::string& name) const;
  std::vector<std::string> listing_lines(int index, const StoredSms& s) const;
  // USSD (engine_ussd.cpp)
  Reply cmd_cusd(const AtCommand& c);
  void ussd_reply(const UssdNode& node, bool continues);
  std::string ussd_out(const std::string& text, int& dcs) const;

  EngineOptions opt_;
  Host& host_;
  LineReader reader_;
  std::string last_line_;
  std::map<std::string, Handler> handlers_;

  // Settings that AT&F / ATZ / +CFUN=1,1 restore.
  bool echo_ = true;
  bool verbose_ = true;  // ATV
  bool quiet_ = false;   // ATQ
  int cmee_ = 0;
  int creg_n_ = 0, cgreg_n_ = 0, cereg_n_ = 0;
  bool text_mode_ = false;
  std::string cscs_;
  int csms_ = 0;
  int cnmi_[5] = {0, 0, 0, 0, 0};
  std::string mem1_ = "SM", mem2_ = "SM", mem3_ = "SM";
  int csmp_fo_ = 17, csmp_vp_ = 167, csmp_pid_ = 0, csmp_dcs_ = 0;
  int cops_format_ = 0;
  int cfun_ = 1;
  bool curc_ = true;
  int cusd_n_ = 0;

  // Persistent state.
  SimState sim_ = SimState::ready;
  int pin_tries_ = 3;
  int puk_tries_ = 10;
  std::map<int, StoredSms> sm_, me_;
  std::vector<SentRecord> sent_;
  int next_mr_ = 0;
  int next_concat_ref_ = 1;
  std::deque<std::int64_t> recent_sends_;
  Faults faults_;
  Counters counters_;
  bool cnma_pending_ = false;
  // Inbound parts the network holds back (storage full, no network): SC retries (TS 23.040
  // 10.3, memory capacity exceeded -> RP-SMMA), so nothing is lost.
  struct Inbound {
    EncodedPart part;
    std::string from;
    std::optional<int> message_class;
  };
  std::deque<Inbound> network_queue_;
  // Routes one part to the client (+CMT) or storage (+CMTI); -2 when it must wait, -1 for +CMT.
  int route_inbound(const Inbound& in);
  void flush_network_queue();

  // Pending "> " prompt.
  enum class Pending { none, cmgs, cmgw };
  Pending pending_ = Pending::none;
  int pending_length_ = 0;
  std::string pending_to_;

  // USSD.
  std::map<std::string, UssdNode> ussd_scripts_;
  std::optional<UssdNode> ussd_session_;
};

}  // namespace jumbe::sim
