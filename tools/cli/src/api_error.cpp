// API error lines (see api_error.hpp).
#include "jumbe/cli/api_error.hpp"

#include <nlohmann/json.hpp>

#include "jumbe/cli/table.hpp"

namespace jumbe::cli {

std::string describe_api_error(int status, const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const auto& e = j["error"];
    std::string msg = e.contains("message") && e["message"].is_string()
                          ? e["message"].get<std::string>()
                          : std::string{};
    const std::string code =
        e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : "";
    if (msg.empty()) msg = code.empty() ? "HTTP " + std::to_string(status) : code;
    if (e.contains("field") && e["field"].is_string() && !e["field"].get<std::string>().empty())
      msg += " (field " + e["field"].get<std::string>() + ")";
    if (code == "rate_limited") msg += " [rate limited: try again shortly]";
    return terminal_safe(msg);
  }
  std::string first = body.substr(0, body.find('\n'));
  if (first.size() > 200) first = first.substr(0, 200) + "...";
  return "HTTP " + std::to_string(status) + (first.empty() ? "" : ": " + terminal_safe(first));
}

}  // namespace jumbe::cli
