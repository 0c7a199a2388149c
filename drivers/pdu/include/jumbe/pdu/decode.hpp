// One entry point for "what is this PDU?": reads TP-MTI (TS 23.040 9.2.3.1) and decodes the
// SMS-DELIVER (00), SMS-SUBMIT (01) or SMS-STATUS-REPORT (10) it holds, as seen by the gateway
// (messages from the SC are DELIVER / STATUS-REPORT; SUBMIT is what we or a client sent).
// Contract: any byte string gives a Message or an Error with reason and position.
#pragma once

#include <string_view>
#include <variant>

#include "jumbe/pdu/result.hpp"
#include "jumbe/pdu/sms_deliver.hpp"
#include "jumbe/pdu/sms_submit.hpp"
#include "jumbe/pdu/status_report.hpp"

namespace jumbe::pdu {

using Message = std::variant<Deliver, Submit, StatusReport>;

Result<Message> decode(ByteView pdu, bool has_smsc = true);
// Hex as a modem prints it (either case, surrounding whitespace allowed).
Result<Message> decode_hex(std::string_view hex, bool has_smsc = true);

}  // namespace jumbe::pdu
