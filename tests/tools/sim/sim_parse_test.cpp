// Unit tests of the simulator's input side: line framing (V.25ter 5.2.1, "A/", the TS 27.005
// "> " body) and AT command-line splitting (V.25ter 5.3/5.4). Rows are what real clients send
// (gammu, smstools3, ModemManager and a human at minicom).
#include <gtest/gtest.h>

#include "jumbe/sim/at_command.hpp"
#include "jumbe/sim/errors.hpp"
#include "jumbe/sim/line_reader.hpp"

namespace jumbe::sim {
namespace {

std::vector<std::string> lines_of(std::initializer_list<std::string_view> reads) {
  LineReader r;
  std::vector<std::string> out;
  for (auto chunk : reads) {
    r.feed(chunk);
    while (auto ev = r.next()) {
      out.push_back(ev->kind == InputEvent::Kind::repeat ? "<A/>" : ev->text);
    }
  }
  return out;
}

TEST(SimLineReader, CrLfAndCrAndLfEachEndOneLine) {
  EXPECT_EQ(lines_of({"AT\rATI\r\nAT+CSQ\n"}), (std::vector<std::string>{"AT", "ATI", "AT+CSQ"}));
}

TEST(SimLineReader, BytesSplitAcrossReadsJoin) {
  EXPECT_EQ(lines_of({"A", "T+CG", "MI", "\r"}), (std::vector<std::string>{"AT+CGMI"}));
}

TEST(SimLineReader, RepeatNeedsNoTerminator) {
  EXPECT_EQ(lines_of({"AT+CSQ\r", "A/"}), (std::vector<std::string>{"AT+CSQ", "<A/>"}));
}

TEST(SimLineReader, BackspaceEditsTheLine) {
  EXPECT_EQ(lines_of({"AT+CSX\bQ\r"}), (std::vector<std::string>{"AT+CSQ"}));
}

TEST(SimLineReader, BodyEndsAtCtrlZOrEsc) {
  LineReader r;
  r.feed("AT+CMGS=20\r0011000C9152");
  auto ev = r.next();
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->text, "AT+CMGS=20");
  r.set_body_mode(true);
  EXPECT_FALSE(r.next());  // body not finished yet
  r.feed(
      "7412345678\x1a"
      "AT\r");
  ev = r.next();
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->kind, InputEvent::Kind::body_send);
  EXPECT_EQ(ev->text, "0011000C91527412345678");
  ev = r.next();
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->text, "AT");
  r.set_body_mode(true);
  r.feed("abc\x1b");
  ev = r.next();
  ASSERT_TRUE(ev);
  EXPECT_EQ(ev->kind, InputEvent::Kind::body_cancel);
}

struct SplitRow {
  const char* name;
  const char* line;
  std::vector<std::string> names;
  std::vector<AtCommand::Form> forms;
};

class SimAtCommandSplit : public ::testing::TestWithParam<SplitRow> {};

TEST_P(SimAtCommandSplit, Splits) {
  const auto& row = GetParam();
  const auto r = split_command_line(row.line);
  ASSERT_TRUE(r) << r.error();
  std::vector<std::string> names;
  std::vector<AtCommand::Form> forms;
  for (const auto& c : *r) {
    names.push_back(c.name);
    forms.push_back(c.form);
  }
  EXPECT_EQ(names, row.names);
  EXPECT_EQ(forms, row.forms);
}

using F = AtCommand::Form;
INSTANTIATE_TEST_SUITE_P(
    Rows, SimAtCommandSplit,
    ::testing::Values(
        // gammu's first line on connect
        SplitRow{"gammu_init", "ATE1", {"E"}, {F::exec}},
        SplitRow{"lowercase", "at+cgmi", {"+CGMI"}, {F::exec}},
        SplitRow{"basic_chain", "ATZE0V1", {"Z", "E", "V"}, {F::exec, F::exec, F::exec}},
        // smstools3 init string style
        SplitRow{
            "extended_chain", "AT+CMGF=0;+CNMI=2,1,0,2,0", {"+CMGF", "+CNMI"}, {F::set, F::set}},
        SplitRow{"query_and_test", "AT+CREG?;+CREG=?", {"+CREG", "+CREG"}, {F::query, F::test}},
        SplitRow{"huawei", "AT^CURC=0", {"^CURC"}, {F::set}},
        SplitRow{"quoted_semicolon", "AT+CUSD=1,\"*1;2#\",15", {"+CUSD"}, {F::set}},
        SplitRow{"and_f", "AT&F&C1", {"&F", "&C"}, {F::exec, F::exec}},
        SplitRow{"s_register", "ATS0=0", {"S0"}, {F::set}}),
    [](const auto& row) { return std::string{row.param.name}; });

TEST(SimAtCommand, RejectsLinesWithoutAtAndOpenQuotes) {
  EXPECT_FALSE(split_command_line("XT+CSQ"));
  EXPECT_FALSE(split_command_line("AT+CUSD=1,\"*144#"));
}

TEST(SimAtCommand, ArgsKeepEmptiesAndStripQuotes) {
  const auto a = parse_args("1, \"*144#\" ,,15");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->size(), 4u);
  EXPECT_EQ((*a)[1], "*144#");
  EXPECT_TRUE(a->quoted[1]);
  EXPECT_FALSE(a->has(2));
  EXPECT_EQ(int_arg(*a, 3, 0, 255).value(), 15);
  EXPECT_FALSE(int_arg(*a, 3, 0, 10));
}

TEST(SimErrors, CmeeModesChangeTheErrorLine) {
  EXPECT_EQ(error_line(false, 10, 0), "ERROR");
  EXPECT_EQ(error_line(false, 10, 1), "+CME ERROR: 10");
  EXPECT_EQ(error_line(false, 10, 2), "+CME ERROR: SIM not inserted");
  EXPECT_EQ(error_line(true, 331, 2), "+CMS ERROR: no network service");
  EXPECT_EQ(error_line(true, 38, 1), "+CMS ERROR: 38");
  EXPECT_EQ(error_line(true, 999, 2), "+CMS ERROR: 999");  // no text known: the number
}

}  // namespace
}  // namespace jumbe::sim
