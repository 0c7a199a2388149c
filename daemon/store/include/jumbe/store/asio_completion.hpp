// post_to(): delivers a store completion on an Asio executor (the daemon's event-loop thread)
// instead of the store's writer thread, so handlers never race the loop and the loop never
// blocks on an fsync. Contract: the handler runs exactly once, via asio::post.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <memory>
#include <utility>

#include "jumbe/store/store.hpp"

namespace jumbe::store {

template <class T, class Handler>
Completion<T> post_to(boost::asio::any_io_executor ex, Handler handler) {
  auto shared = std::make_shared<Handler>(std::move(handler));
  return [ex = std::move(ex), shared](Result<T> r) mutable {
    boost::asio::post(ex, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
  };
}

}  // namespace jumbe::store
