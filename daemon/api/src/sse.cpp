// SSE frames of the event log (see sse.hpp); the event JSON itself is jumbe::events'.
#include "jumbe/api/sse.hpp"

#include <charconv>

namespace jumbe::api {

tl::expected<KindSet, std::string> parse_kinds(std::string_view csv) {
  // Tolerate spaces after commas ("inbound, state"): people type them in shell scripts.
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ')
      s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
      s.remove_suffix(1);
    return s;
  };
  if (trim(csv).empty()) return KindSet::all();
  KindSet set = KindSet::none();
  while (true) {
    const auto comma = csv.find(',');
    const auto item = trim(csv.substr(0, comma));
    if (!item.empty()) {
      auto k = kind_from_name(item);
      if (!k) {
        std::string names;
        for (int i = 0; i <= static_cast<int>(store::EventKind::broadcast); ++i)
          names += (names.empty() ? "" : ", ") +
                   std::string(kind_name(static_cast<store::EventKind>(i)));
        return tl::unexpected("kinds: '" + std::string(item).substr(0, 40) + "' is not one of " +
                              names);
      }
      set.add(*k);
    }
    if (comma == std::string_view::npos) break;
    csv.remove_prefix(comma + 1);
  }
  return set;
}

std::optional<store::EventId> parse_event_id(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  store::EventId v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || v < 0) return std::nullopt;
  return v;
}

std::string sse_frame(const store::Event& e, const EventContext& ctx) {
  const auto data = event_json_line(e, ctx);
  std::string out;
  out.reserve(data.size() + 48);
  out += "id: ";
  out += std::to_string(e.id);
  out += "\nevent: ";
  out += kind_name(e.kind);
  out += "\ndata: ";
  out += data;
  out += "\n\n";
  return out;
}

}  // namespace jumbe::api
