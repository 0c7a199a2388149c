// Fuzzes every reply parser and the final-result / trace functions with the same line; lines
// separated by '\n' also feed the multi-line parsers (+CMGL, +CMGR, identities).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jumbe/at/replies.hpp"
#include "jumbe/at/result_code.hpp"
#include "jumbe/at/trace.hpp"

using namespace jumbe::at;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= in.size(); ++i) {
    if (i == in.size() || in[i] == '\n') {
      lines.emplace_back(in.substr(start, i - start));
      start = i + 1;
    }
  }
  for (const auto& l : lines) {
    (void)parse_final_result(l);
    (void)parse_csq(l);
    (void)parse_registration(l, true);
    (void)parse_registration(l, false);
    (void)parse_cusd(l);
    (void)parse_cpms(l);
    (void)parse_cops_query(l);
    (void)parse_cops_test(l);
    (void)parse_cmgs(l);
    (void)parse_cmti(l);
    (void)parse_cds_header(l);
    (void)parse_cmt_header(l);
    (void)parse_cpin(l);
    (void)redact_line(l);
  }
  (void)parse_cmgl(lines);
  (void)parse_cmgr(lines);
  (void)parse_imei(lines);
  (void)parse_imsi(lines);
  (void)parse_iccid(lines);
  (void)format_trace(TraceDirection::from_modem, in);
  return 0;
}
