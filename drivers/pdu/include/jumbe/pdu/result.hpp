// Result<T> and Error: how every jumbe::pdu function reports failure. drivers/pdu depends on the
// standard library alone, so it carries this small value-or-error type instead of tl::expected.
// Contract: no function of the codec throws across its API or aborts on bad input; it returns an
// Error whose `position` is the byte offset in the input (octet of the PDU counting the SMSC
// field, or byte of the UTF-8 text) where the problem was found.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace jumbe::pdu {

enum class ErrorCode {
  not_implemented,      // placeholder while the codec is being written
  bad_hex,              // odd length or a non-hex character
  truncated,            // the input ends inside a field
  length_exceeds_data,  // a length field (SMSC, address, UDL, UDHL) points past the end
  bad_message_type,     // TP-MTI is reserved, or not the type the caller asked for
  bad_address,          // address length / type / digits are invalid
  bad_timestamp,        // SCTS / discharge time with non-BCD digits or out-of-range fields
  bad_dcs,              // data coding scheme is reserved
  bad_udh,              // user data header length or an element's length is inconsistent
  bad_utf8,             // input text is not valid UTF-8
  bad_number,           // a phone number to encode is empty or holds invalid characters
  bad_option,           // an encode option is out of range (class 4, validity 0, ...)
  too_long,             // the text needs more than 255 segments
  not_encodable,        // text cannot be represented in the requested encoding
  unsupported,          // valid per spec but not handled (e.g. compressed user data)
  bad_cusd,             // a +CUSD line that does not parse
};

// Stable snake_case name of a code, e.g. "length_exceeds_data" (used in JSON and logs).
std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::not_implemented;
  std::size_t position = 0;  // byte offset in the input where the problem was found
  std::string message;       // one human line, names the field, e.g. "TP-UDL 160 exceeds data"

  // "<message> at byte N": one line for a log or the CLI's stderr.
  std::string describe() const;
};

// Holds either a T or an Error. Deliberately small: ok(), value(), error(), operator* / ->.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // Precondition: ok(). Calling value() on an error is a programming bug (std::get throws).
  // On an rvalue Result these return the value itself (moved out), so that
  // `for (auto& x : *f())` does not bind to a destroyed temporary.
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !ok().
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(ErrorCode code, std::size_t position, std::string message) {
  return Error{code, position, std::move(message)};
}

}  // namespace jumbe::pdu
