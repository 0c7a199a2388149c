// Kannel's URL escape codes, for dlr-url callbacks and sms-service (kannel.forwards) URLs, as
// gw/urltrans.c urltrans_fill_escape_codes() expands them: %k keyword, %s next word, %S next word
// with '*' as '~', %r rest of the words, %a all words joined by '+', %b / %A the whole text, %p
// sender, %P receiver, %q / %Q the same with a leading "00" written as "+", %t time
// "YYYY-MM-DD+HH:MM:SS" (UTC), %T Unix time, %d DLR value, %i SMSC id (modem), %I message id,
// %F foreign (SMSC) id, %n service, %c coding, %C charset, %m mclass, %M mwi, %u udh, %e text as
// hex, %o account, %B binfo, %R dlr-url, %D meta-data, %O DCS, %f SMSC number, %v / %V validity
// and deferral in minutes, %% a percent sign; any other %X stays as written, so ordinary URL
// escapes like %2B pass through. Values are URL-encoded as Kannel does (form.hpp url_encode).
// Deviation (docs/kannel.md): %S is URL-encoded too, so a citizen's word cannot add parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jumbe::kannel {

struct EscapeContext {
  std::string sender;       // %p: an inbound message's sender; a DLR's phone number
  std::string receiver;     // %P: the other side (our number or the submission's `from`)
  std::string text;         // %a %b %k %s %S %r %A %e: the message text, or a DLR's reply text
  std::optional<int> dlr;   // %d
  std::string smsc_id;      // %i: the modem's name
  std::string id;           // %I: jumbe's message or inbound id
  std::string foreign_id;   // %F: the SMSC's id for the message (TP-MR for a modem)
  std::string service;      // %n
  std::int64_t time_s = 0;  // %t %T: UTC seconds (0: %T empty, as Kannel's undefined time)
  int coding = 0;           // %c: 0 7-bit, 1 8-bit, 2 UCS-2
  std::string charset;      // %C: empty -> "UTF-8" / "8-BIT" / "UTF-16BE" by coding
  std::string udh;          // %u (binary)
  int mclass = -1;          // %m (-1: undefined, printed as Kannel prints it)
  int mwi = -1;             // %M
  int dcs = 0;              // %O
  std::string account;      // %o
  std::string binfo;        // %B
  std::string dlr_url;      // %R
  std::string meta_data;    // %D
  std::string smsc_number;  // %f
  std::optional<std::int64_t> validity_min;  // %v
  std::optional<std::int64_t> deferred_min;  // %V
};

std::string expand_escapes(std::string_view pattern, const EscapeContext& ctx);

// Kannel's %t: "2026-11-23+10:15:02" for a UTC time in seconds.
std::string kannel_time(std::int64_t unix_seconds);

}  // namespace jumbe::kannel
