// Kannel escape codes as gw/urltrans.c urltrans_fill_escape_codes expands them, with the URLs
// people put in sms-service get-url / dlr-url (Kannel user guide examples, RapidPro's dlr-url).
#include "jumbe/kannel/escapes.hpp"

#include <gtest/gtest.h>

namespace jumbe::kannel {
namespace {

EscapeContext inbound() {
  EscapeContext c;
  c.sender = "+254712345678";
  c.receiver = "";
  c.text = "REPORT suspicious vehicle near Lanet & school";
  c.smsc_id = "saf-1";
  c.id = "4821";
  c.time_s = 1'795'429'502;  // 2026-11-23 10:25:02 UTC
  c.service = "default";
  return c;
}

TEST(KannelEscapes, WordsKeywordNextRest) {
  const auto c = inbound();
  EXPECT_EQ(expand_escapes("http://x/r?kw=%k&w1=%s&w2=%s&rest=%r", c),
            "http://x/r?kw=REPORT&w1=suspicious&w2=vehicle&rest=near+Lanet+%26+school");
  EXPECT_EQ(expand_escapes("a=%a", c), "a=REPORT+suspicious+vehicle+near+Lanet+%26+school");
  EXPECT_EQ(expand_escapes("b=%b", c), "b=REPORT+suspicious+vehicle+near+Lanet+%26+school");
  EXPECT_EQ(expand_escapes("r=%r", c), "r=suspicious+vehicle+near+Lanet+%26+school");
}

TEST(KannelEscapes, NumbersTimesIds) {
  const auto c = inbound();
  EXPECT_EQ(expand_escapes("p=%p&P=%P&i=%i&I=%I&n=%n", c),
            "p=%2B254712345678&P=&i=saf-1&I=4821&n=default");
  EXPECT_EQ(expand_escapes("t=%t&T=%T", c), "t=2026-11-23+10:25:02&T=1795429502");
  EscapeContext zeros;
  zeros.sender = "00254712345678";
  zeros.receiver = "22555";
  EXPECT_EQ(expand_escapes("%q/%Q", zeros), "%2B254712345678/22555");
}

// RapidPro's dlr-url (courier handlers/kannel handler.go): only %d is replaced.
TEST(KannelEscapes, RapidProDlrUrl) {
  EscapeContext c;
  c.dlr = 1;
  c.text = "Success";
  EXPECT_EQ(expand_escapes("https://localhost/c/kn/8eb23e93/status?uuid=0191e180&status=%d", c),
            "https://localhost/c/kn/8eb23e93/status?uuid=0191e180&status=1");
  EXPECT_EQ(expand_escapes("http://h/dlr?s=%d&a=%A", c), "http://h/dlr?s=1&a=Success");
  c.text = "NACK/+CMS ERROR: 38";
  c.dlr = 16;
  EXPECT_EQ(expand_escapes("s=%d&a=%A", c), "s=16&a=NACK%2F%2BCMS+ERROR%3A+38");
}

TEST(KannelEscapes, PercentHandling) {
  EscapeContext c;
  c.text = "a*b c";
  EXPECT_EQ(expand_escapes("100%%", c), "100%");
  EXPECT_EQ(expand_escapes("x=%2B1", c), "x=%2B1");           // ordinary URL escape passes through
  EXPECT_EQ(expand_escapes("end%", c), "end%");               // a trailing '%' is literal
  EXPECT_EQ(expand_escapes("z=%Z", c), "z=%Z");               // unknown codes stay as written
  EXPECT_EQ(expand_escapes("m=%#smpp#dlr_err#!", c), "m=!");  // meta-data: nothing here
  EscapeContext star;
  star.text = "GO http://a.b/*x";
  EXPECT_EQ(expand_escapes("u=%S", star), "u=http%3A%2F%2Fa.b%2F~x");
}

TEST(KannelEscapes, CodingCharsetClassHex) {
  EscapeContext c;
  c.text = "Hi";
  c.coding = 2;
  EXPECT_EQ(expand_escapes("%c %C %m %M %e", c), "2 UTF-16BE -1 -1 4869");
  c.coding = 0;
  c.charset = "";
  EXPECT_EQ(expand_escapes("%C", c), "UTF-8");
}

TEST(KannelEscapes, EmptyTextHasNoWords) {
  EscapeContext c;
  EXPECT_EQ(expand_escapes("%k|%s|%r|%a|%b|%T", c), "|||||");
}

}  // namespace
}  // namespace jumbe::kannel
