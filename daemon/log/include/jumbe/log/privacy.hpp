// Privacy of log lines (mission.md: citizens' numbers, message texts and national ID numbers
// must not leak through logs). Contract: pure. By default a phone number keeps only its last 3
// digits; a message text is shown only when show_texts is set and the line is at debug or below,
// and even then every run of exactly 8 digits (a Kenyan national ID number) is masked.
#pragma once

#include <string>
#include <string_view>

namespace jumbe::log {

struct Privacy {
  bool show_numbers = false;
  bool show_texts = false;
};

// "+254712345678" -> "…678" (show_numbers: unchanged). Short codes of <= 5 digits are public
// service numbers and stay as written.
std::string number(std::string_view n, const Privacy& p);
// "<text 42 chars>" unless show_texts; with show_texts the text with 8-digit runs masked as
// "********". Callers log the result at debug level only.
std::string text(std::string_view body, const Privacy& p);
// Masks every run of exactly 8 digits ("ID 12345678" -> "ID ********"); always applied.
std::string mask_national_ids(std::string_view s);
// A raw AT line, through drivers/at's redaction (numbers, PDUs and texts masked).
std::string at_line(std::string_view line, const Privacy& p);

}  // namespace jumbe::log
