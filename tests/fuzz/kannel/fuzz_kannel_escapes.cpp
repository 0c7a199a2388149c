// Fuzzer: expand_escapes() on an arbitrary pattern and text (split at the first NUL), and the
// form/URL coding round trip. Invariants: url_decode(url_encode(x)) == x for any bytes; the
// expansion terminates and stays proportional to pattern x text (no blow-up).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "jumbe/kannel/escapes.hpp"
#include "jumbe/kannel/form.hpp"

using namespace jumbe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto nul = in.find('\0');
  const std::string_view pattern = in.substr(0, nul);
  const std::string_view text =
      nul == std::string_view::npos ? std::string_view{} : in.substr(nul + 1);

  if (kannel::url_decode(kannel::url_encode(in)) != in) std::abort();
  (void)kannel::parse_form(in);

  kannel::EscapeContext ctx;
  ctx.sender = "+254712345678";
  ctx.receiver = "0012345";
  ctx.text = std::string(text);
  ctx.dlr = 8;
  ctx.smsc_id = "saf-1";
  ctx.id = "42";
  ctx.time_s = 1'795'429'502;
  const std::string out = kannel::expand_escapes(pattern, ctx);
  // Each 2-byte code expands to at most ~3 bytes per text byte plus fixed fields.
  if (out.size() > (pattern.size() + 1) * (3 * text.size() + 64)) std::abort();
  return 0;
}
