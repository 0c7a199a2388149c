// SMS-STATUS-REPORT decoding (TS 23.040 9.2.2.3) and TP-ST classes (9.2.3.15). Real reports:
// python-gsmmodem test/test_pdu.py (a delivered report, and a "semi-invalid" one captured from a
// ZTE modem) and ModemManager test_pdu_not_stored (SC-specific "still trying" status 0x30).
// The other classes come from the encoder used by jumbe-sim, checked field by field.
#include <gtest/gtest.h>

#include "jumbe/pdu/decode.hpp"
#include "test_util.hpp"

namespace jumbe::pdu {
namespace {

using test::bytes_of;
using test::must;

TEST(PduStatusReport, DeliveredFromPythonGsmmodem) {
  const auto m =
      must(decode_status_report(bytes_of("0006D60B911326880736F4111011719551401110117195714000")));
  EXPECT_FALSE(m.smsc.has_value());
  EXPECT_EQ(m.mr, 214);
  EXPECT_EQ(m.recipient.value, "+31628870634");
  EXPECT_EQ(m.timestamp.iso8601(), "2011-01-11T17:59:15+01:00");
  EXPECT_EQ(m.discharge_time.iso8601(), "2011-01-11T17:59:17+01:00");
  EXPECT_EQ(m.status, 0x00);
  EXPECT_EQ(status_class(m.status), StatusClass::delivered);
  EXPECT_TRUE(status_is_final(m.status));
}

TEST(PduStatusReport, PendingFromModemManager) {
  const auto m = must(decode_status_report(
      bytes_of("07914356060013F1065A098136397339F7219011700463802190117004638030")));
  EXPECT_EQ(m.smsc->value, "+34656000311");
  EXPECT_EQ(m.mr, 0x5A);
  EXPECT_EQ(m.recipient.value, "639337937");
  EXPECT_EQ(m.recipient.toa, 0x81);
  EXPECT_EQ(m.timestamp.iso8601(), "2012-09-11T07:40:36+02:00");
  EXPECT_EQ(m.status, 0x30);
  EXPECT_EQ(status_class(m.status), StatusClass::pending);
  EXPECT_FALSE(status_is_final(m.status));
  EXPECT_EQ(status_meaning(0x30), "SC specific value");
}

TEST(PduStatusReport, SemiInvalidZteReportStillGivesReferenceAndTimes) {
  // python-gsmmodem: "Semi-invalid status report PDU captured from a ZTE modem". Its recipient
  // holds a BCD 0xB digit ('#' per TS 23.040 9.1.2.3); the report must not be lost for that.
  const auto m = must(decode_status_report(
      bytes_of("0297F1061C0F910B487228297020F5317062419272803170624192138000")));
  EXPECT_EQ(m.mr, 28);
  EXPECT_EQ(m.recipient.value, "+#08427829207025");
  EXPECT_EQ(m.timestamp.iso8601(), "2013-07-26T14:29:27+02:00");
  EXPECT_EQ(m.discharge_time.iso8601(), "2013-07-26T14:29:31+02:00");
  EXPECT_EQ(m.status, 0x00);
}

struct ClassCase {
  std::uint8_t status;
  StatusClass cls;
  const char* name;
  const char* meaning;
};

TEST(PduStatusReport, EveryClassRoundTripsThroughTheEncoder) {
  const ClassCase cases[] = {
      {0x00, StatusClass::delivered, "delivered", "short message received by the SME"},
      {0x01, StatusClass::delivered, "delivered",
       "forwarded by the SC to the SME, delivery not confirmed"},
      {0x21, StatusClass::pending, "pending", "SME busy"},
      {0x41, StatusClass::failed_permanent, "failed", "incompatible destination"},
      {0x46, StatusClass::failed_permanent, "failed", "SM validity period expired"},
      {0x62, StatusClass::failed_temporary, "failed", "no response from SME"},
      {0x80, StatusClass::reserved, "reserved", "reserved value"},
  };
  for (const auto& c : cases) {
    StatusReportOptions o;
    o.mr = 42;
    o.recipient = "+254712345678";
    o.timestamp = Timestamp{2024, 3, 5, 14, 7, 9, 12};
    o.discharge_time = Timestamp{2024, 3, 5, 14, 7, 30, 12};
    o.status = c.status;
    const auto pdu = must(encode_status_report(o));
    const auto m = must(decode_status_report(bytes_of(pdu.hex)));
    EXPECT_EQ(m.mr, 42);
    EXPECT_EQ(m.recipient.value, "+254712345678");
    EXPECT_EQ(m.discharge_time.iso8601(), "2024-03-05T14:07:30+03:00");
    EXPECT_EQ(m.status, c.status);
    EXPECT_EQ(status_class(c.status), c.cls);
    EXPECT_EQ(status_class_name(c.cls), c.name);
    EXPECT_EQ(status_meaning(c.status), c.meaning);
    EXPECT_EQ(pdu.tpdu_length, bytes_of(pdu.hex).size() - 1);
  }
}

TEST(PduStatusReport, OptionalParametersAndMalformedTail) {
  // Delivered report followed by TP-PI 0x07 (PID, DCS, UDL) and two septets "Hi".
  const std::string base = "0006D60B911326880736F4111011719551401110117195714000";
  const auto with = must(decode_status_report(bytes_of(base + "07"
                                                              "00"
                                                              "00"
                                                              "02"
                                                              "C834")));
  EXPECT_EQ(with.pid, 0);
  EXPECT_EQ(with.text, "Hi");
  // A tail that runs short is ignored: the mandatory fields still make a usable report.
  const auto tail = must(decode_status_report(bytes_of(base + "07"
                                                              "00"
                                                              "00"
                                                              "09"
                                                              "C8")));
  EXPECT_EQ(tail.mr, 214);
  EXPECT_TRUE(tail.text.empty());
}

}  // namespace
}  // namespace jumbe::pdu
