// ApiError constructors and the JSON error body of api-contract.md "Errors": one code per status,
// `field` only for validation, extra headers (Allow, Retry-After, WWW-Authenticate) carried as
// values so Exchange::error() can set them.
#include "jumbe/api/http_error.hpp"

#include <nlohmann/json.hpp>

namespace jumbe::api {

namespace {
using http_status = boost::beast::http::status;
ApiError make(http_status s, std::string code, std::string message) {
  ApiError e;
  e.status = s;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}
}  // namespace

ApiError ApiError::bad_request(std::string m) {
  return make(http_status::bad_request, "bad_request", std::move(m));
}
ApiError ApiError::invalid(std::string field, std::string m) {
  auto e = make(http_status::unprocessable_entity, "invalid", std::move(m));
  e.field = std::move(field);
  return e;
}
ApiError ApiError::unauthorized(std::string m) {
  auto e = make(http_status::unauthorized, "unauthorized", std::move(m));
  e.www_authenticate = true;
  return e;
}
ApiError ApiError::forbidden(std::string m) {
  return make(http_status::forbidden, "forbidden", std::move(m));
}
ApiError ApiError::not_found(std::string m) {
  return make(http_status::not_found, "not_found", std::move(m));
}
ApiError ApiError::method_not_allowed(std::string allow) {
  auto e = make(http_status::method_not_allowed, "method_not_allowed",
                "method not allowed here; allowed: " + allow);
  e.allow = std::move(allow);
  return e;
}
ApiError ApiError::conflict(std::string m) {
  return make(http_status::conflict, "conflict", std::move(m));
}
ApiError ApiError::payload_too_large(std::string m) {
  return make(http_status::payload_too_large, "payload_too_large", std::move(m));
}
ApiError ApiError::header_too_large(std::string m) {
  return make(http_status::request_header_fields_too_large, "header_too_large", std::move(m));
}
ApiError ApiError::rate_limited(std::int64_t retry_after_s) {
  auto e = make(http_status::too_many_requests, "rate_limited",
                "too many requests from this client; retry after " + std::to_string(retry_after_s) +
                    " s (api.limits.requests)");
  e.retry_after_s = retry_after_s;
  return e;
}
ApiError ApiError::unavailable(std::string m) {
  return make(http_status::service_unavailable, "unavailable", std::move(m));
}
ApiError ApiError::gateway_timeout(std::string m) {
  return make(http_status::gateway_timeout, "gateway_timeout", std::move(m));
}
ApiError ApiError::internal(std::string m) {
  return make(http_status::internal_server_error, "internal", std::move(m));
}

std::string error_body(const ApiError& e) {
  nlohmann::json inner = {{"code", e.code}, {"message", e.message}};
  if (!e.field.empty()) inner["field"] = e.field;
  // Replace, never throw: a message may quote client bytes that are not valid UTF-8.
  return nlohmann::json{{"error", inner}}.dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace);
}

}  // namespace jumbe::api
