// Shared route helpers (see route_util.hpp).
#include "jumbe/api/route_util.hpp"

#include <charconv>

namespace jumbe::api {

std::optional<Json> body_or_answer(const std::shared_ptr<Exchange>& ex) {
  auto j = parse_json_body(ex->header(http::field::content_type), ex->request().body());
  if (!j) {
    ex->error(j.error());
    return std::nullopt;
  }
  return std::move(*j);
}

std::optional<std::int64_t> id_or_answer(const std::shared_ptr<Exchange>& ex,
                                         const std::string& param, const std::string& what) {
  const std::string s = ex->path_param(param);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    ex->error(ApiError::not_found("no " + what + " '" + s + "' (ids are positive integers)"));
    return std::nullopt;
  }
  return v;
}

}  // namespace jumbe::api
