// Unit tests of the CLI's pure parts: durations and timestamps, tables, human renderings,
// message-state verdicts and API error lines. Suites Cli*.
#include <gtest/gtest.h>

#include "jumbe/cli/api_error.hpp"
#include "jumbe/cli/duration.hpp"
#include "jumbe/cli/human.hpp"
#include "jumbe/cli/states.hpp"
#include "jumbe/cli/table.hpp"

using namespace jumbe::cli;

namespace {

struct DurationRow {
  const char* text;
  std::int64_t seconds;  // -1: an error
};

class CliDuration : public ::testing::TestWithParam<DurationRow> {};

// The contract's examples ("90s", "5m", "2h", "1d", integer seconds) plus sums and mistakes
// people make at a prompt.
INSTANTIATE_TEST_SUITE_P(
    Table, CliDuration,
    ::testing::Values(DurationRow{"300", 300}, DurationRow{"90s", 90}, DurationRow{"5m", 300},
                      DurationRow{"2h", 7200}, DurationRow{"1d", 86400}, DurationRow{"1w", 604800},
                      DurationRow{"1h30m", 5400}, DurationRow{"0", 0}, DurationRow{"", -1},
                      DurationRow{"5x", -1}, DurationRow{"m", -1}, DurationRow{"1h30", -1},
                      DurationRow{"-5m", -1}, DurationRow{"5 m", -1},
                      DurationRow{"99999999999999999999", -1}, DurationRow{"999999w", -1}));

TEST_P(CliDuration, Parses) {
  const auto r = parse_duration(GetParam().text);
  if (GetParam().seconds < 0) {
    ASSERT_FALSE(r) << *r;
    EXPECT_FALSE(r.error().empty());
  } else {
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(*r, GetParam().seconds);
  }
}

TEST(CliDurationText, ErrorNamesTheInputAndTheUnits) {
  const auto r = parse_duration("5x");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("'5x'"), std::string::npos) << r.error();
  EXPECT_NE(r.error().find("5m"), std::string::npos) << r.error();
}

TEST(CliDurationText, FormatsTwoUnitsAtMost) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(45), "45s");
  EXPECT_EQ(format_duration(192), "3m 12s");
  EXPECT_EQ(format_duration(11520), "3h 12m");
  EXPECT_EQ(format_duration(183600), "2d 3h");
  EXPECT_EQ(format_duration(3600), "1h");
}

TEST(CliDurationText, Ages) {
  EXPECT_EQ(format_age(0), "just now");
  EXPECT_EQ(format_age(45'000), "45s ago");
  EXPECT_EQ(format_age(150'000), "2m ago");
  EXPECT_EQ(format_age(3 * 3600'000 + 5), "3h ago");
  EXPECT_EQ(format_age(2 * 86400'000LL), "2d ago");
  EXPECT_EQ(format_age(-300'000), "in 5m");
}

TEST(CliRfc3339, ParsesTheApiFormatAndOffsets) {
  // 2026-11-23T10:15:02.123Z, as the contract's example; 1795428902 s per `date -d ... +%s`.
  const auto t = parse_rfc3339_ms("2026-11-23T10:15:02.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, 1795428902123LL);
  EXPECT_EQ(parse_rfc3339_ms("2026-11-23T13:15:02.123+03:00"), t);  // Nairobi time
  EXPECT_EQ(parse_rfc3339_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(format_rfc3339_ms(1795428902123LL), "2026-11-23T10:15:02.123Z");
  EXPECT_EQ(format_rfc3339_ms(0), "1970-01-01T00:00:00.000Z");
  for (const char* bad : {"", "2026-11-23", "2026-13-01T00:00:00Z", "2026-11-23T10:15:02",
                          "2026-11-23T10:15:02.Z", "2026-11-23T10:15:02Zjunk", "yesterday"})
    EXPECT_FALSE(parse_rfc3339_ms(bad)) << bad;
  EXPECT_EQ(format_when("2026-11-23T10:13:02.123Z", 1795428902123LL), "2m ago");
  EXPECT_EQ(format_when("", 0), "-");
  EXPECT_EQ(format_when("soon", 0), "soon");
}

TEST(CliTable, AlignsColumnsByDisplayWidth) {
  Table t;
  t.headers = {"NAME", "SENT", "NOTE"};
  t.right_aligned = {1};
  t.rows = {{"saf-1", "1204", "ok"}, {"airtel-2", "7", "Asante 🙏"}};
  EXPECT_EQ(render_table(t),
            "NAME      SENT  NOTE\n"
            "saf-1     1204  ok\n"
            "airtel-2     7  Asante 🙏\n");
}

TEST(CliTable, FlexColumnShortenedToFit) {
  Table t;
  t.headers = {"ID", "TEXT"};
  t.flex = 1;
  t.rows = {{"1", "Habari za asubuhi, kikao cha baraza kitafanyika kesho saa nne asubuhi"}};
  const std::string out = render_table(t, 30);
  for (std::size_t start = 0; start < out.size();) {
    const auto nl = out.find('\n', start);
    EXPECT_LE(display_width(out.substr(start, nl - start)), 30u) << out;
    start = nl + 1;
  }
  EXPECT_NE(out.find("…"), std::string::npos) << out;
  // No limit (a pipe): nothing shortened.
  EXPECT_NE(render_table(t).find("saa nne asubuhi"), std::string::npos);
}

TEST(CliTable, TerminalSafeNeutralisesControls) {
  // An SMS carrying an ANSI escape must not recolour or clear the operator's terminal.
  EXPECT_EQ(terminal_safe("a\x1b[2Jb"), "a?[2Jb");
  EXPECT_EQ(terminal_safe("line1\nline2\r\nline3"), "line1⏎line2⏎line3");
  EXPECT_EQ(terminal_safe("tab\there"), "tab here");
  EXPECT_EQ(terminal_safe("bad\xff"), "bad\xEF\xBF\xBD");
  EXPECT_EQ(display_width("é"), 1u);
  EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e + combining acute
  EXPECT_EQ(truncate_to_width("abcdef", 4), "abc…");
  EXPECT_EQ(truncate_to_width("abc", 4), "abc");
}

TEST(CliTable, FieldsAligned) {
  EXPECT_EQ(render_fields({{"Up", "3h"}, {"Modems", "2 of 3 ready"}, {"Store", ""}}),
            "Up:      3h\nModems:  2 of 3 ready\nStore:   -\n");
}

TEST(CliHuman, SignalVerdicts) {
  EXPECT_EQ(signal_text(-67), "-67 dBm (excellent)");
  EXPECT_EQ(signal_text(-80), "-80 dBm (good)");
  EXPECT_EQ(signal_text(-90), "-90 dBm (fair)");
  EXPECT_EQ(signal_text(-101), "-101 dBm (marginal)");
  EXPECT_EQ(signal_text(std::nullopt), "-");
}

TEST(CliHuman, ProgressLineFromTheContractShape) {
  const auto j = nlohmann::json::parse(
      R"({"id":7,"name":"LANET","total":1532,"counts":{"queued":839,"sending":0,"sent":680,
          "delivered":10,"failed":3,"expired":0,"cancelled":0,"held":0},"done":false,
          "rate_per_minute":12.0,"eta_seconds":4200})");
  const BroadcastProgress p = broadcast_progress(j);
  EXPECT_EQ(p.finished(), 693);
  EXPECT_EQ(progress_line(p, false),
            " 45% 693/1532  sent 690  delivered 10  failed 3  queued 839  12.0/min  ETA 1h 10m");
  const std::string bar = progress_line(p, true, 120);
  EXPECT_EQ(bar.rfind("[", 0), 0u) << bar;
  EXPECT_LE(bar.size(), 120u) << bar;
  // Missing fields (an older daemon) read as zero rather than failing.
  const BroadcastProgress empty = broadcast_progress(nlohmann::json::object());
  EXPECT_EQ(progress_line(empty, false), "  0% 0/0  sent 0  0.0/min");
}

TEST(CliHuman, EventLines) {
  EXPECT_EQ(event_line("state", nlohmann::json::parse(
                                    R"({"subject":123,"state":"sent","to":"+254712345678",
                                        "detail":"saf-1","client_ref":"r1"})")),
            "state    #123 +254712345678 sent (saf-1) ref=r1");
  EXPECT_EQ(event_line("inbound", nlohmann::json::parse(
                                      R"({"subject":9,"from":"+254712000777","modem":"saf-1",
                                          "text":"maji\nimekatika"})")),
            "inbound  #9 from +254712000777 via saf-1: maji⏎imekatika");
  EXPECT_EQ(event_line("modem", nlohmann::json::parse(R"({"subject":0,"detail":"saf-1 ready"})")),
            "modem    saf-1 ready");
}

TEST(CliStates, WaitVerdicts) {
  EXPECT_EQ(judge("queued", WaitGoal::sent), Verdict::pending);
  EXPECT_EQ(judge("sending", WaitGoal::sent), Verdict::pending);
  EXPECT_EQ(judge("sent", WaitGoal::sent), Verdict::reached);
  EXPECT_EQ(judge("sent", WaitGoal::delivered), Verdict::pending);
  EXPECT_EQ(judge("delivered", WaitGoal::sent), Verdict::reached);
  for (const char* s : {"failed", "expired", "cancelled", "held"})
    EXPECT_EQ(judge(s, WaitGoal::delivered), Verdict::failed) << s;
  EXPECT_EQ(judge("some_new_state", WaitGoal::sent), Verdict::pending);
}

TEST(CliApiError, ContractShapeAndOthers) {
  EXPECT_EQ(
      describe_api_error(
          422, R"({"error":{"code":"invalid","message":"not a phone number","field":"to[2]"}})"),
      "not a phone number (field to[2])");
  EXPECT_EQ(
      describe_api_error(
          403,
          R"j({"error":{"code":"forbidden","message":"uid 1001 is not an API client (add it under api.clients)"}})j"),
      "uid 1001 is not an API client (add it under api.clients)");
  EXPECT_EQ(describe_api_error(502, "<html>Bad Gateway</html>\nmore"),
            "HTTP 502: <html>Bad Gateway</html>");
  EXPECT_EQ(describe_api_error(500, ""), "HTTP 500");
  EXPECT_EQ(describe_api_error(409, R"({"error":{"code":"conflict"}})"), "conflict");
}

}  // namespace
