// Text of a Kannel request as UTF-8. Kannel's smsbox (gw/smsbox.c charset_processing) reads
// `text` as UTF-8 when coding is 0 (GSM 7-bit) and as UTF-16BE bytes when coding is 2 (UCS-2),
// unless `charset` names the bytes' character set, which it then converts. RapidPro's Kannel
// channel relies on both: older courier versions send coding=2 with UTF-16BE bytes and no
// charset, newer ones coding=2&charset=utf8. Contract: pure; bytes that are not valid in the
// stated charset are an error (Kannel: "Charset or body misformed, rejected"), never guessed.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace jumbe::kannel {

// `coding` is Kannel's 0 (7-bit) or 2 (UCS-2); `charset` may be empty. The error says why.
tl::expected<std::string, std::string> text_to_utf8(std::string_view bytes,
                                                    std::string_view charset, int coding);

// Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);
// UTF-16BE (surrogate pairs joined; a lone surrogate or an odd byte count is an error).
tl::expected<std::string, std::string> utf16be_to_utf8(std::string_view bytes);

}  // namespace jumbe::kannel
