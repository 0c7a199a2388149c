// Tables for the value parsers behind every duration, rate, size and mode in jumbe.yaml.
// Rows are the spellings operators write (and mistype) in config files.
#include "jumbe/config/units.hpp"

#include <gtest/gtest.h>

namespace jumbe::config {
namespace {

using namespace std::chrono_literals;

TEST(ConfigUnits, DurationsParse) {
  const struct {
    const char* text;
    Millis want;
  } rows[] = {
      {"500ms", 500ms}, {"30s", 30s},      {"5m", 5min},   {"2h", 2h},
      {"1d", 24h},      {"1w", 168h},      {"90m", 90min}, {" 10s ", 10s},
      {"0", 0ms},       {"15 min", 15min}, {"3days", 72h}, {"36500d", 36500 * 24h},
  };
  for (const auto& r : rows) {
    auto d = parse_duration(r.text);
    ASSERT_TRUE(d.has_value()) << r.text << ": " << d.error();
    EXPECT_EQ(*d, r.want) << r.text;
  }
}

TEST(ConfigUnits, DurationsRefusedWithReason) {
  const struct {
    const char* text;
    const char* reason;
  } rows[] = {
      {"", "expected a duration such as 500ms, 30s, 5m, 2h or 1d"},
      {"30", "missing unit: expected a duration such as 500ms, 30s, 5m, 2h or 1d"},
      {"1.5h", "whole numbers only (write 90m rather than 1.5h)"},
      {"-5s", "a duration cannot be negative"},
      {"5y", "unknown unit 'y': expected a duration such as 500ms, 30s, 5m, 2h or 1d"},
      {"soon", "expected a duration such as 500ms, 30s, 5m, 2h or 1d"},
      {"36501d", "too long (at most 36500d)"},
      {"99999999999999999999s", "expected a duration such as 500ms, 30s, 5m, 2h or 1d"},
  };
  for (const auto& r : rows) {
    auto d = parse_duration(r.text);
    ASSERT_FALSE(d.has_value()) << r.text;
    EXPECT_EQ(d.error(), r.reason) << r.text;
  }
}

TEST(ConfigUnits, RatesParse) {
  const struct {
    const char* text;
    Rate want;
  } rows[] = {
      {"10/min", {10, 60s}},     {"2/s", {2, 1s}},    {"300/h", {300, 1h}},
      {"1000/day", {1000, 24h}}, {"5/30s", {5, 30s}}, {" 20 / min ", {20, 60s}},
      {"6/hr", {6, 1h}},         {"1/sec", {1, 1s}},
  };
  for (const auto& r : rows) {
    auto v = parse_rate(r.text);
    ASSERT_TRUE(v.has_value()) << r.text << ": " << v.error();
    EXPECT_EQ(*v, r.want) << r.text;
  }
  EXPECT_DOUBLE_EQ(Rate({30, 60s}).per_second(), 0.5);
}

TEST(ConfigUnits, RatesRefused) {
  for (const char* text :
       {"10", "10 per minute", "x/min", "10/ms", "10/fortnight", "10/0s", "/min"}) {
    auto v = parse_rate(text);
    ASSERT_FALSE(v.has_value()) << text;
    EXPECT_EQ(v.error(), "expected a rate such as 10/min, 2/s, 300/h or 1000/day") << text;
  }
  EXPECT_EQ(parse_rate("0/min").error(), "the count must be at least 1 (remove the role to stop)");
}

TEST(ConfigUnits, SizesModesIntegers) {
  EXPECT_EQ(parse_size("4096").value(), 4096u);
  EXPECT_EQ(parse_size("64KiB").value(), 65536u);
  EXPECT_EQ(parse_size("64KB").value(), 65536u);
  EXPECT_EQ(parse_size("1MiB").value(), 1048576u);
  EXPECT_EQ(parse_size("2 GiB").value(), 2147483648u);
  EXPECT_EQ(parse_size("12 parsecs").error(),
            "unknown unit 'parsecs': expected a size such as 4096, 64KiB or 1MiB");
  EXPECT_EQ(parse_mode("0660").value(), 0660u);
  EXPECT_EQ(parse_mode("660").value(), 0660u);
  EXPECT_EQ(parse_mode("0o600").value(), 0600u);
  EXPECT_EQ(parse_mode("0689").error(), "expected an octal file mode such as 0660");
  EXPECT_EQ(parse_integer("42", 0, 100).value(), 42);
  EXPECT_EQ(parse_integer("-1", 0, 100).error(), "out of range: must be between 0 and 100");
  EXPECT_EQ(parse_integer("4.2", 0, 100).error(), "expected a whole number between 0 and 100");
  EXPECT_EQ(parse_integer("99999999999999999999", 0, 100).error(),
            "expected a whole number between 0 and 100");
}

TEST(ConfigUnits, FormatDurationRoundTrips) {
  EXPECT_EQ(format_duration(90min), "90m");
  EXPECT_EQ(format_duration(24h), "1d");
  EXPECT_EQ(format_duration(1500ms), "1500ms");
  for (const char* text : {"30s", "5m", "2h", "1d", "500ms", "1w"})
    EXPECT_EQ(format_duration(parse_duration(text).value()), text);
}

}  // namespace
}  // namespace jumbe::config
