// The webhook signature: "X-Jumbe-Signature: sha256=<hex>", the lower-case hex HMAC-SHA256
// (RFC 2104, FIPS 180-4) of the exact request body with the webhook's secret as key, the way
// GitHub's X-Hub-Signature-256 works, so receivers can reuse their verification code. Pure.
#pragma once

#include <string>
#include <string_view>

namespace jumbe::webhooks {

inline constexpr std::string_view kSignatureHeader = "X-Jumbe-Signature";

std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// "sha256=" + hmac_sha256_hex(secret, body)
std::string signature_value(std::string_view secret, std::string_view body);

}  // namespace jumbe::webhooks
