// LineFramer: every line ending modems use, prompts, NULs, chunking at every byte boundary.
#include "jumbe/at/line_framer.hpp"

#include <gtest/gtest.h>

namespace jumbe::at {
namespace {

std::vector<Frame> feed_all(LineFramer& f, std::string_view bytes) {
  std::vector<Frame> out;
  f.feed(bytes, out);
  return out;
}

std::vector<std::string> lines_of(const std::vector<Frame>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames)
    if (f.kind == Frame::Kind::line) out.push_back(f.text);
  return out;
}

TEST(AtLineFramer, EveryLineEndingGivesTheSameLines) {
  for (std::string_view input : {"\r\n+CSQ: 17,99\r\n\r\nOK\r\n", "\n\r+CSQ: 17,99\n\r\n\rOK\n\r",
                                 "+CSQ: 17,99\rOK\r", "+CSQ: 17,99\nOK\n"}) {
    LineFramer f;
    EXPECT_EQ(lines_of(feed_all(f, input)), (std::vector<std::string>{"+CSQ: 17,99", "OK"}))
        << input;
  }
}

TEST(AtLineFramer, ByteByByteChunksGiveTheSameLines) {
  const std::string_view input = "AT+CSQ\r\r\n+CSQ: 17,99\r\n\r\nOK\r\n";
  LineFramer f;
  std::vector<Frame> out;
  for (char c : input)
    f.feed(std::string_view(&c, 1), out);
  EXPECT_EQ(lines_of(out), (std::vector<std::string>{"AT+CSQ", "+CSQ: 17,99", "OK"}));
}

TEST(AtLineFramer, PromptWithoutLineEndWhenExpected) {
  LineFramer f;
  f.set_prompt_expected(true);
  const auto out = feed_all(f, "AT+CMGS=23\r\r\n> ");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "AT+CMGS=23");
  EXPECT_EQ(out[1].kind, Frame::Kind::prompt);
  EXPECT_FALSE(f.prompt_expected());
}

TEST(AtLineFramer, PromptSplitAcrossChunks) {
  LineFramer f;
  f.set_prompt_expected(true);
  std::vector<Frame> out;
  f.feed("\r\n>", out);
  f.feed(" ", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Frame::Kind::prompt);
}

TEST(AtLineFramer, GreaterThanIsTextWhenNoPromptExpected) {
  LineFramer f;
  EXPECT_EQ(lines_of(feed_all(f, "> hello\r\n")), (std::vector<std::string>{"> hello"}));
}

TEST(AtLineFramer, NulsAndControlBytesAreDroppedAndReported) {
  LineFramer f;
  const auto out = feed_all(f, std::string("O\0K\x01\r\n", 6));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "OK");
  EXPECT_EQ(out[1].kind, Frame::Kind::garbage);
  EXPECT_NE(out[1].text.find("2 control"), std::string::npos);
}

TEST(AtLineFramer, OverlongLineIsCutAndReportedNotBuffered) {
  LineFramer f;
  std::string junk(LineFramer::kMaxLine * 3, 'x');
  auto out = feed_all(f, junk);
  EXPECT_TRUE(out.empty());
  EXPECT_LE(f.pending().size(), LineFramer::kMaxLine);
  out = feed_all(f, "\r\nOK\r\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Frame::Kind::garbage);
  EXPECT_EQ(out[1].text, "OK");
}

}  // namespace
}  // namespace jumbe::at
