// API errors as values: the contract's code, its HTTP status, one line for a person and, for
// validation errors, the JSON path of the field ("to", "recipients[3]", "valid_for"). Contract:
// error_body() renders {"error":{"code","message","field"?}} (api-contract.md "Errors");
// constructors below are the only way codes are spelled, so a typo cannot invent a new code.
#pragma once

#include <boost/beast/http/status.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jumbe::api {

struct ApiError {
  boost::beast::http::status status = boost::beast::http::status::internal_server_error;
  std::string code = "internal";
  std::string message;
  std::string field;               // validation only
  std::string allow;               // 405: "GET, DELETE"
  std::int64_t retry_after_s = 0;  // 429: seconds
  bool www_authenticate = false;   // 401

  static ApiError bad_request(std::string message);
  static ApiError invalid(std::string field, std::string message);
  static ApiError unauthorized(std::string message);
  static ApiError forbidden(std::string message);
  static ApiError not_found(std::string message);
  static ApiError method_not_allowed(std::string allow);
  static ApiError conflict(std::string message);
  static ApiError payload_too_large(std::string message);
  static ApiError header_too_large(std::string message);
  static ApiError rate_limited(std::int64_t retry_after_s);
  static ApiError unavailable(std::string message);
  static ApiError gateway_timeout(std::string message);
  static ApiError internal(std::string message);
};

// The JSON text of the error body.
std::string error_body(const ApiError& e);

}  // namespace jumbe::api
