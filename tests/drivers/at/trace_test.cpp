// Redaction: numbers, PDUs and message/USSD text are hidden unless asked for.
#include "jumbe/at/trace.hpp"

#include <gtest/gtest.h>

namespace jumbe::at {
namespace {

TEST(AtTrace, CommandAndControlBytes) {
  EXPECT_EQ(format_trace(TraceDirection::to_modem, "AT+CSQ\r"), "> AT+CSQ<CR>");
  EXPECT_EQ(format_trace(TraceDirection::from_modem, "\r\nOK\r\n"), "< <CR><LF>OK<CR><LF>");
  EXPECT_EQ(format_trace(TraceDirection::to_modem, "\x1b"), "> <ESC>");
}

TEST(AtTrace, PduIsHidden) {
  const std::string pdu = "0011000C915274214365870000AA04D4F29C0E";
  EXPECT_EQ(format_trace(TraceDirection::to_modem, pdu + "\x1a"), "> <pdu 19 octets><SUB>");
  // A PDU carries the phone number too, so it is verbatim only with both options on.
  EXPECT_EQ(format_trace(TraceDirection::to_modem, pdu, {true, true}), "> " + pdu);
  EXPECT_NE(format_trace(TraceDirection::to_modem, pdu, {false, true}), "> " + pdu);
}

TEST(AtTrace, NumbersAndTextsAreHidden) {
  EXPECT_EQ(redact_line("+CUSD: 0,\"Your balance is KSh 12.50\",15"),
            "+CUSD: 0,\"<text 25 chars>\",15");
  EXPECT_EQ(redact_line("AT+CUSD=1,\"*144#\",15"), "AT+CUSD=1,\"*144#\",15");
  EXPECT_EQ(redact_line("+CLIP: \"+254712345678\",145"), "+CLIP: \"<text 13 chars>\",145");
  EXPECT_EQ(redact_line("639021234567890"), "*************90");
  EXPECT_EQ(redact_line("+CMTI: \"SM\",3"), "+CMTI: \"SM\",3");
  EXPECT_EQ(redact_line("+CLIP: \"+254712345678\",145", {true, false}),
            "+CLIP: \"<text 13 chars>\",145");
  EXPECT_EQ(redact_line("+CLIP: \"+254712345678\",145", {true, true}),
            "+CLIP: \"+254712345678\",145");
}

TEST(AtTrace, NumberOutsideQuotesIsMasked) {
  EXPECT_EQ(redact_line("ATD0712345678;"), "ATD********78;");
}

}  // namespace
}  // namespace jumbe::at
