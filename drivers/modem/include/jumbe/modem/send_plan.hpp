// Sending one message: the text is segmented and encoded by drivers/pdu into one SMS-SUBMIT per
// segment, each sent with its own AT+CMGS (TS 27.005 3.5.1) and yielding its own TP-MR; each
// segment's AT result is classified (retry-here-later / retry-elsewhere / permanent / uncertain)
// with drivers/at's error table, and the message outcome is derived from its segments. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "jumbe/at/engine.hpp"
#include "jumbe/at/errors.hpp"
#include "jumbe/pdu/sms_submit.hpp"

namespace jumbe::modem {

struct SendRequest {
  std::string to;    // "+2547..." (E.164, normalised by the daemon) or short-code digits
  std::string text;  // UTF-8
  bool status_report = false;
  std::optional<pdu::Encoding> encoding;  // nullopt: GSM 7-bit when it fits, else UCS2
  std::optional<int> message_class;       // 0 = flash
  std::uint32_t validity_minutes = 0;     // 0: the SMSC's default
  std::uint16_t concat_ref = 0;           // reference for multipart messages (ConcatReferences)
  at::Priority priority = at::Priority::normal;
};

struct SegmentStep {
  int seq = 1;  // 1..total
  at::Command command;
};

struct SendPlan {
  std::vector<SegmentStep> steps;
};

// Everything that can go wrong before the modem is asked: one line naming the field.
struct PlanError {
  std::string message;  // e.g. "recipient '07x': bad number"
};

tl::expected<SendPlan, PlanError> build_send_plan(const SendRequest& request);

enum class SegmentStatus {
  sent,          // +CMGS: <mr> then OK
  failed,        // the modem refused it (+CMS/+CME ERROR, ERROR): not sent
  uncertain,     // timeout or port lost after the PDU may have gone: it may have been sent
  not_attempted  // an earlier segment failed, so this one was not tried
};

enum class Outcome {
  sent,
  retry_here_later,  // this modem is briefly busy (e.g. +CMS 512, +CME 14/515)
  retry_elsewhere,   // network, SIM or credit trouble here: another modem may succeed
  permanent,         // bad recipient or barred: retrying anywhere is pointless
  uncertain,         // some segment may or may not have been sent (timeout, unplug)
};

std::string_view to_string(SegmentStatus s);
std::string_view to_string(Outcome o);

struct SegmentResult {
  int seq = 1;
  SegmentStatus status = SegmentStatus::not_attempted;
  std::optional<int> mr;           // TP-MR for sent segments (links +CDS status reports back)
  std::optional<Outcome> outcome;  // for failed segments: what the failure means
  std::string detail;              // "+CMS ERROR: 38 (network out of order)", "timeout", ...
};

// Classifies the AT result of one +CMGS.
SegmentResult classify_segment(int seq, const at::CommandResult& result);

struct SendResult {
  Outcome outcome = Outcome::sent;
  std::vector<SegmentResult> segments;
  std::string detail;  // the first failure's detail, or ""
};

// The message's outcome from its segments: all sent -> sent; any uncertain -> uncertain;
// otherwise the first failure's class. Segments past the first failure are not_attempted.
SendResult summarise(std::vector<SegmentResult> segments, int total);

}  // namespace jumbe::modem
