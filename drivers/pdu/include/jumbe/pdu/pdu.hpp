// Umbrella header for the SMS PDU codec (3GPP TS 23.040 / 23.038): include this to get it all.
// Each header below documents its own contract and spec clauses.
#pragma once

#include "jumbe/pdu/alphabet.hpp"
#include "jumbe/pdu/concat_refs.hpp"
#include "jumbe/pdu/decode.hpp"
#include "jumbe/pdu/hex.hpp"
#include "jumbe/pdu/reassembly.hpp"
#include "jumbe/pdu/result.hpp"
#include "jumbe/pdu/segment.hpp"
#include "jumbe/pdu/sms_deliver.hpp"
#include "jumbe/pdu/sms_submit.hpp"
#include "jumbe/pdu/status_report.hpp"
#include "jumbe/pdu/types.hpp"
#include "jumbe/pdu/ussd.hpp"
