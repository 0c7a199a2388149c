// Errors of the store as values: a code a caller can branch on and one line for a human that
// names the database file and the cause ("store /var/lib/jumbe/jumbe.db: disk full ...").
// Contract: every fallible store call returns Result<T>; nothing in the store throws.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace jumbe::store {

enum class ErrorCode {
  invalid_argument,  // the request itself is wrong (empty recipient, 0 segments, ...)
  not_found,         // no such message / broadcast / segment
  conflict,          // illegal state transition (e.g. cancel a sent message)
  disk_full,         // SQLITE_FULL: file system full or PRAGMA max_page_count reached
  read_only,         // read-only file or file system
  locked,            // another process holds the database lock past busy_timeout
  corrupt,           // not a database, or damaged pages
  io,                // any other I/O failure reported by SQLite
  too_new,           // the file was written by a newer jumbe (schema version above ours)
  closed,            // the store is shut down or refuses work after a fatal error
  internal,          // a bug: an SQL statement that should not fail did
};

std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code{ErrorCode::internal};
  std::string message;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace jumbe::store
