// Kannel delivery reports for messages submitted through /cgi-bin/sendsms: the DLR values of
// Kannel's gw/dlr.h (1 delivered to phone, 2 not delivered, 4 queued on SMSC, 8 delivered to
// SMSC, 16 not delivered to SMSC), which store event means which value, and how a submission's
// dlr-mask and dlr-url survive a restart: in the message's origin, "kannel:<mask>:<dlr-url>".
// Contract: pure; decode(encode(m, u)) gives back m and u for any mask 1..63 and any URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jumbe/store/types.hpp"

namespace jumbe::kannel {

inline constexpr int kDlrDelivered = 1;    // DLR_SUCCESS: delivered to the phone
inline constexpr int kDlrUndelivered = 2;  // DLR_FAIL: not delivered to the phone
inline constexpr int kDlrBuffered = 4;     // DLR_BUFFERED: queued on the SMSC
inline constexpr int kDlrSmscSuccess = 8;  // DLR_SMSC_SUCCESS: the SMSC took it
inline constexpr int kDlrSmscFail = 16;    // DLR_SMSC_FAIL: the SMSC never got it
inline constexpr std::string_view kOriginPrefix = "kannel";

struct DlrRequest {
  int mask = 0;
  std::string url;
  friend bool operator==(const DlrRequest&, const DlrRequest&) = default;
};

// "kannel:27:https://example.com/dlr?id=1&s=%d"; plain "kannel" when no callback is wanted
// (mask 0 or no URL), so the message still says it came through the Kannel interface.
std::string encode_dlr_origin(int mask, std::string_view dlr_url);
// nullopt for any origin that is not "kannel:<1..63>:<url>".
std::optional<DlrRequest> decode_dlr_origin(std::string_view origin);
bool is_kannel_origin(std::string_view origin);

// One callback's worth: Kannel's %d (the DLR value) and %A (the SMSC's reply text).
struct Dlr {
  int value = 0;
  std::string reply;
  friend bool operator==(const Dlr&, const Dlr&) = default;
};

// What a store event about message `m` means as a Kannel DLR, mirroring Kannel's AT driver
// (gw/smsc/smsc_at.c at2_pdu_decode_report_sm: TP-ST class 00 -> 1 "Success", 01 -> 4
// "Buffered", else 2 "Failed") and bearerbox's SMSC acks (bb_smscconn.c: 8 "ACK/", 16
// "NACK/<reason>"):
//   state -> sent: 8 "ACK/"; -> delivered: 1 "Success";
//   -> failed after a status report said so: 2 "Failed"; -> failed before reaching the SMSC,
//   expired or cancelled: 16 "NACK/<why>";
//   a status report with TP-ST 0x20-0x3F (the SC still tries): 4 "Buffered".
// Per-segment final reports are not repeated: the message's own delivered/failed state is one
// DLR per message, as Kannel gives for a concatenated message.
std::optional<Dlr> dlr_for_event(const store::Event& event, const store::Message& m);

}  // namespace jumbe::kannel
