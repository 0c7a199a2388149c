// The one named table of AT timeouts, per command kind (house style 5). Contract: plain data;
// the engine reads it, a vendor profile or the config may replace entries. Values follow the
// vendor manuals: +CMGS may take up to 60 s after the PDU (SIMCom SIM800 AT manual: "max response
// time 60 s"), +COPS=? up to 180 s (Quectel EC25 AT manual), USSD's OK within seconds (the
// network answer comes later as a +CUSD URC, TS 27.007 7.15).
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace jumbe::at {

using Duration = std::chrono::milliseconds;

enum class CommandKind : std::uint8_t {
  plain,          // most queries and settings
  probe,          // a bare AT to see whether a port / modem answers
  sms_send,       // +CMGS / +CMSS: two phases, prompt then the final result
  sms_list,       // +CMGL / +CMGR on a full SIM
  ussd,           // +CUSD=1,...: only the OK; the reply is a URC
  operator_scan,  // +COPS=?
  sim,            // +CPIN=, +CFUN=: the SIM / radio may take a while
};

struct TimeoutTable {
  Duration plain{5'000};
  Duration probe{2'000};
  Duration sms_prompt{10'000};  // AT+CMGS=<len> until "> "
  Duration sms_send{60'000};    // PDU + Ctrl-Z until +CMGS: <mr> / OK
  Duration sms_list{30'000};
  Duration ussd{10'000};
  Duration operator_scan{180'000};
  Duration sim{20'000};
  Duration recovery{3'000};  // ESC + AT until its OK
  Duration settle{200};      // after that OK, input still discarded (a late OK of the old command)

  Duration for_kind(CommandKind kind) const;
};

inline constexpr TimeoutTable kDefaultTimeouts{};

std::string_view to_string(CommandKind kind);

}  // namespace jumbe::at
