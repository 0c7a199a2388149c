// One line for a person from an API error response (/work/notes/api-contract.md, "Errors":
// {"error":{"code","message","field"}}). Contract: pure; any status and any body (HTML from a
// proxy, empty, truncated JSON) gives a readable line, never a throw.
#pragma once

#include <string>

namespace jumbe::cli {

// e.g. "invalid recipient number (field to[2])", "forbidden: uid 1001 is not an API client ...",
// "HTTP 502: <first line of the body>".
std::string describe_api_error(int status, const std::string& body);

}  // namespace jumbe::cli
