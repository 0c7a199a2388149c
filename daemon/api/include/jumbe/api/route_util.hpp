// Small helpers the route modules share: the JSON body of an exchange (400 on anything but a JSON
// object), a positive integer id from a path parameter (404 otherwise), and a store completion
// that lands on the exchange's executor. Contract: helpers answer the exchange on failure and
// return nullopt, so a handler just returns.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "jumbe/api/json_util.hpp"
#include "jumbe/api/routes.hpp"
#include "jumbe/store/asio_completion.hpp"

namespace jumbe::api {

std::optional<Json> body_or_answer(const std::shared_ptr<Exchange>& ex);
// `what`: "message", "broadcast" (for the 404 text).
std::optional<std::int64_t> id_or_answer(const std::shared_ptr<Exchange>& ex,
                                         const std::string& param, const std::string& what);

// A store completion run on the loop; keeps the exchange alive until it ran.
template <class T, class F>
store::Completion<T> on_loop(const std::shared_ptr<Exchange>& ex, F f) {
  return store::post_to<T>(ex->executor(),
                           [ex, f = std::move(f)](store::Result<T> r) mutable { f(std::move(r)); });
}

}  // namespace jumbe::api
