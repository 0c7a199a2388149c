// URL and form coding as Kannel's gwlib does it (gwlib/octstr.c octstr_url_encode/decode).
#include "jumbe/kannel/form.hpp"

#include <gtest/gtest.h>

namespace jumbe::kannel {
namespace {

TEST(KannelForm, DecodesPlusPercentAndKeepsMalformedEscapes) {
  EXPECT_EQ(url_decode("Simple+Message"), "Simple Message");
  EXPECT_EQ(url_decode("%2B250788383383"), "+250788383383");
  EXPECT_EQ(url_decode("%26%3A"), "&:");
  EXPECT_EQ(url_decode("caf%C3%A9"), "caf\xC3\xA9");
  EXPECT_EQ(url_decode("100%"), "100%");    // '%' at the end stays
  EXPECT_EQ(url_decode("%zz%4"), "%zz%4");  // not hex: kept verbatim
}

TEST(KannelForm, EncodesLikeKannel) {
  EXPECT_EQ(url_encode("Hello world"), "Hello+world");
  EXPECT_EQ(url_encode("a-b_c.d!e~f*g'h(i)"), "a-b_c.d!e~f*g'h(i)");
  EXPECT_EQ(url_encode("+254712345678"), "%2B254712345678");
  EXPECT_EQ(url_encode("a&b=c/d?e"), "a%26b%3Dc%2Fd%3Fe");
  EXPECT_EQ(url_encode("\xE2\x98\xBA"), "%E2%98%BA");
}

TEST(KannelForm, ParsesPairsInOrderAndFirstValueWins) {
  const Form f = parse_form("a=1&&b=two+words&c&a=2");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(form_value(f, "a"), "1");
  EXPECT_EQ(form_value(f, "b"), "two words");
  EXPECT_EQ(form_value(f, "c"), "");
  EXPECT_FALSE(form_value(f, "d"));
}

}  // namespace
}  // namespace jumbe::kannel
