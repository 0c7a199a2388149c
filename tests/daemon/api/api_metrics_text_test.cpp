// Prometheus text exposition (daemon/api/metrics_text.hpp) checked against the format 0.0.4
// rules (prometheus.io/docs/instrumenting/exposition_formats): one HELP/TYPE per family, label
// escaping, cumulative histogram buckets ending at le="+Inf" == _count, and the contract's
// metric names (api-contract.md "Metrics").
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "jumbe/api/metrics_text.hpp"

namespace jumbe::api {
namespace {

MetricsSnapshot sample() {
  MetricsSnapshot s;
  gateway::ModemCounters c;
  c.modem = "saf-1";
  c.operator_name = "safaricom";
  c.sent = 12;
  c.failed = 2;
  c.delivered = 9;
  c.received = 4;
  s.gateway.modems.push_back(c);
  c.modem = "air \"x\"\\1";
  c.operator_name = "airtel";
  c.sent = 1;
  c.failed = c.delivered = c.received = 0;
  s.gateway.modems.push_back(c);
  s.gateway.inbound_messages = 3;
  for (double v : {0.05, 0.3, 0.3, 1.5, 200.0})
    s.gateway.send_latency.observe(v);
  s.queue = {{"queued", "bulk", 1500}, {"queued", "emergency", 2}, {"held", "bulk", 7}};
  gateway::ModemView m;
  m.name = "saf-1";
  m.ready = true;
  m.health.signal_dbm = -71;
  s.modems.push_back(m);
  m.name = "air \"x\"\\1";
  m.ready = false;
  m.health.signal_dbm.reset();
  s.modems.push_back(m);
  s.uptime_seconds = 3600.5;
  s.version = "0.1.0-g62c014f";
  return s;
}

// Every sample line "name{labels} value" keyed by "name{labels}".
std::map<std::string, std::string> samples(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.rfind(' ');
    out[line.substr(0, sp)] = line.substr(sp + 1);
  }
  return out;
}

TEST(ApiMetricsText, NumbersAsPrometheusParsesThem) {
  EXPECT_EQ(prom_number(0), "0");
  EXPECT_EQ(prom_number(12), "12");
  EXPECT_EQ(prom_number(-71), "-71");
  EXPECT_EQ(prom_number(0.25), "0.25");
  EXPECT_EQ(prom_number(3600.5), "3600.5");
  EXPECT_EQ(prom_number(1.0 / 0.0), "+Inf");
  EXPECT_EQ(prom_number(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(prom_number(0.0 / 0.0), "NaN");
}

TEST(ApiMetricsText, LabelValuesEscapeBackslashQuoteAndNewline) {
  EXPECT_EQ(prom_escape_label("saf-1"), "saf-1");
  EXPECT_EQ(prom_escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

TEST(ApiMetricsText, EveryContractFamilyHasHelpAndTypeOnce) {
  const auto text = prometheus_text(sample());
  const std::pair<const char*, const char*> families[] = {
      {"jumbe_queue_depth", "gauge"},
      {"jumbe_messages_sent_total", "counter"},
      {"jumbe_messages_failed_total", "counter"},
      {"jumbe_messages_delivered_total", "counter"},
      {"jumbe_inbound_messages_total", "counter"},
      {"jumbe_inbound_parts_total", "counter"},
      {"jumbe_modem_signal_dbm", "gauge"},
      {"jumbe_modem_ready", "gauge"},
      {"jumbe_send_latency_seconds", "histogram"},
      {"jumbe_uptime_seconds", "gauge"},
      {"jumbe_build_info", "gauge"}};
  for (const auto& [name, type] : families) {
    const std::string type_line = std::string("# TYPE ") + name + " " + type + "\n";
    const auto at = text.find(type_line);
    ASSERT_NE(at, std::string::npos) << name;
    EXPECT_EQ(text.find(type_line, at + 1), std::string::npos) << name << " twice";
    EXPECT_NE(text.find(std::string("# HELP ") + name + " "), std::string::npos) << name;
  }
  EXPECT_EQ(text.back(), '\n');
}

TEST(ApiMetricsText, CountersByModemAndOperatorWithEscapedLabels) {
  const auto s = samples(prometheus_text(sample()));
  EXPECT_EQ(s.at("jumbe_messages_sent_total{modem=\"saf-1\",operator=\"safaricom\"}"), "12");
  EXPECT_EQ(s.at("jumbe_messages_failed_total{modem=\"saf-1\",operator=\"safaricom\"}"), "2");
  EXPECT_EQ(s.at("jumbe_messages_delivered_total{modem=\"saf-1\",operator=\"safaricom\"}"), "9");
  EXPECT_EQ(s.at("jumbe_messages_sent_total{modem=\"air \\\"x\\\"\\\\1\",operator=\"airtel\"}"),
            "1");
  EXPECT_EQ(s.at("jumbe_inbound_parts_total{modem=\"saf-1\"}"), "4");
  EXPECT_EQ(s.at("jumbe_inbound_messages_total"), "3");
}

TEST(ApiMetricsText, QueueDepthHasEveryLiveStateAndPriority) {
  const auto s = samples(prometheus_text(sample()));
  EXPECT_EQ(s.at("jumbe_queue_depth{state=\"queued\",priority=\"bulk\"}"), "1500");
  EXPECT_EQ(s.at("jumbe_queue_depth{state=\"queued\",priority=\"emergency\"}"), "2");
  EXPECT_EQ(s.at("jumbe_queue_depth{state=\"held\",priority=\"bulk\"}"), "7");
  // Zero, not absent: an emptied queue must read 0 on a dashboard.
  EXPECT_EQ(s.at("jumbe_queue_depth{state=\"sending\",priority=\"high\"}"), "0");
  EXPECT_EQ(s.at("jumbe_queue_depth{state=\"queued\",priority=\"normal\"}"), "0");
}

TEST(ApiMetricsText, ModemGaugesAndUnknownSignalIsAbsent) {
  const auto s = samples(prometheus_text(sample()));
  EXPECT_EQ(s.at("jumbe_modem_signal_dbm{modem=\"saf-1\"}"), "-71");
  EXPECT_FALSE(s.count("jumbe_modem_signal_dbm{modem=\"air \\\"x\\\"\\\\1\"}"));
  EXPECT_EQ(s.at("jumbe_modem_ready{modem=\"saf-1\"}"), "1");
  EXPECT_EQ(s.at("jumbe_modem_ready{modem=\"air \\\"x\\\"\\\\1\"}"), "0");
  EXPECT_EQ(s.at("jumbe_uptime_seconds"), "3600.5");
  EXPECT_EQ(s.at("jumbe_build_info{version=\"0.1.0-g62c014f\"}"), "1");
}

TEST(ApiMetricsText, HistogramBucketsAreCumulativeAndInfEqualsCount) {
  const auto text = prometheus_text(sample());
  const auto s = samples(text);
  // Observations 0.05, 0.3, 0.3, 1.5, 200 against bounds 0.1 .. 120.
  const std::pair<const char*, const char*> buckets[] = {
      {"0.1", "1"}, {"0.25", "1"}, {"0.5", "3"}, {"1", "3"},   {"2", "4"},   {"5", "4"},
      {"10", "4"},  {"30", "4"},   {"60", "4"},  {"120", "4"}, {"+Inf", "5"}};
  for (const auto& [le, n] : buckets)
    EXPECT_EQ(s.at(std::string("jumbe_send_latency_seconds_bucket{le=\"") + le + "\"}"), n) << le;
  EXPECT_EQ(s.at("jumbe_send_latency_seconds_count"), "5");
  EXPECT_EQ(std::stod(s.at("jumbe_send_latency_seconds_sum")), 0.05 + 0.3 + 0.3 + 1.5 + 200.0);
  // Buckets in increasing le order, +Inf last, then _sum and _count.
  EXPECT_LT(text.find("le=\"0.1\""), text.find("le=\"120\""));
  EXPECT_LT(text.find("le=\"120\""), text.find("le=\"+Inf\""));
  EXPECT_LT(text.find("le=\"+Inf\""), text.find("jumbe_send_latency_seconds_sum"));
}

TEST(ApiMetricsText, AFreshDaemonStillExportsEveryFamily) {
  MetricsSnapshot empty;
  empty.version = "0.1.0";
  const auto s = samples(prometheus_text(empty));
  EXPECT_EQ(s.at("jumbe_send_latency_seconds_bucket{le=\"+Inf\"}"), "0");
  EXPECT_EQ(s.at("jumbe_send_latency_seconds_count"), "0");
  EXPECT_EQ(s.at("jumbe_inbound_messages_total"), "0");
  EXPECT_EQ(s.size(), 12u + 11u + 5u);  // depths, buckets, sum/count/inbound/uptime/build
}

}  // namespace
}  // namespace jumbe::api
