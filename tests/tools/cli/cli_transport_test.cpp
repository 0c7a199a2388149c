// Unit tests of the CLI's transport pieces: the SSE parser, socket choice and percent-encoding.
// Suites Cli*.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "jumbe/cli/http_client.hpp"
#include "jumbe/cli/socket_path.hpp"
#include "jumbe/cli/sse.hpp"

using namespace jumbe::cli;

namespace {

// The stream as the contract writes it ("id:", "event:", "data:" then a blank line, ": keepalive"
// comments), fed in every possible two-chunk split: events must come out the same.
TEST(CliSse, EveryChunkSplitGivesTheSameEvents) {
  const std::string stream =
      ": keepalive\r\n"
      "id: 41\r\nevent: state\r\ndata: {\"subject\":5,\"state\":\"sent\"}\r\n\r\n"
      "id: 42\nevent: inbound\ndata: {\"a\":1}\ndata: {\"b\":2}\n\n"
      "id: 43\rdata:no-space\r\r";
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    SseParser p;
    auto evs = p.feed(std::string_view(stream).substr(0, cut));
    const auto rest = p.feed(std::string_view(stream).substr(cut));
    evs.insert(evs.end(), rest.begin(), rest.end());
    ASSERT_EQ(evs.size(), 3u) << "cut at " << cut;
    EXPECT_EQ(evs[0].id, "41");
    EXPECT_EQ(evs[0].event, "state");
    EXPECT_EQ(evs[0].data, "{\"subject\":5,\"state\":\"sent\"}");
    EXPECT_EQ(evs[1].event, "inbound");
    EXPECT_EQ(evs[1].data, "{\"a\":1}\n{\"b\":2}");
    EXPECT_EQ(evs[2].event, "message");
    EXPECT_EQ(evs[2].data, "no-space");
    EXPECT_EQ(p.last_event_id(), "43");
  }
}

TEST(CliSse, IdWithoutDataMovesTheCursorOnly) {
  SseParser p;
  EXPECT_TRUE(p.feed("id: 7\n\n: keepalive\n\n").empty());
  EXPECT_EQ(p.last_event_id(), "7");
}

class CliSocket : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jumbe-cli-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override {
    for (const auto& f : files_)
      std::remove(f.c_str());
    ::rmdir(dir_.c_str());
  }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    files_.push_back(path);
    return path;
  }
  std::string dir_;
  std::vector<std::string> files_;
};

TEST_F(CliSocket, PrecedenceFlagEnvConfigDefault) {
  const std::string cfg = write("jumbe.yaml", "api:\n  socket: /srv/j.sock\n");
  EXPECT_EQ(choose_socket("/a.sock", "/b.sock", cfg)->path, "/a.sock");
  EXPECT_EQ(choose_socket("/a.sock", "/b.sock", cfg)->source, "--socket");
  EXPECT_EQ(choose_socket("", "/b.sock", cfg)->path, "/b.sock");
  EXPECT_EQ(choose_socket("", "/b.sock", cfg)->source, "$JUMBE_SOCKET");
  EXPECT_EQ(choose_socket("", "", cfg)->path, "/srv/j.sock");
  EXPECT_EQ(choose_socket("", nullptr, cfg)->source, "api.socket in " + cfg);
  // The default config is used when readable, and silently skipped when not.
  EXPECT_EQ(choose_socket("", nullptr, "", cfg)->path, "/srv/j.sock");
  EXPECT_EQ(choose_socket("", nullptr, "", dir_ + "/missing.yaml")->path, "/run/jumbe/jumbe.sock");
  EXPECT_EQ(choose_socket("", nullptr, "", dir_ + "/missing.yaml")->source, "the default");
}

TEST_F(CliSocket, ConfigWithoutApiSocketFallsBackToTheDefault) {
  const std::string cfg = write("min.yaml", "store:\n  path: /var/lib/jumbe/jumbe.db\n");
  const auto c = choose_socket("", nullptr, cfg);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->path, "/run/jumbe/jumbe.sock");
  EXPECT_NE(c->source.find("sets no api.socket"), std::string::npos) << c->source;
}

TEST_F(CliSocket, ExplicitConfigThatCannotBeUsedIsAnError) {
  auto missing = choose_socket("", nullptr, dir_ + "/nope.yaml");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("nope.yaml"), std::string::npos) << missing.error();
  const std::string broken = write("broken.yaml", "api:\n  socket: [unclosed\n");
  auto bad = choose_socket("", nullptr, broken);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("broken.yaml:"), std::string::npos) << bad.error();
}

TEST(CliHttp, PercentEncoding) {
  EXPECT_EQ(percent_encode("+254712345678"), "%2B254712345678");
  EXPECT_EQ(percent_encode("WARD 7/b"), "WARD%207%2Fb");
  EXPECT_EQ(percent_encode("saf-1_a.b~"), "saf-1_a.b~");
}

TEST(CliHttp, UnreachableSocketNamesPathAndReason) {
  HttpClient c(SocketChoice{"/tmp/jumbe-cli-test-no-such.sock", "--socket"});
  auto r = c.request("GET", "/v1/status");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, TransportFailure::unreachable);
  EXPECT_NE(r.error().message.find("/tmp/jumbe-cli-test-no-such.sock (--socket)"),
            std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("no such socket"), std::string::npos) << r.error().message;
}

}  // namespace
