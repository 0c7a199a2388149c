// application/x-www-form-urlencoded as Kannel's gwlib reads and writes it (gwlib/octstr.c
// octstr_url_decode / octstr_url_encode, gwlib/http.c parse_cgivars): '+' is a space, %XX a byte,
// and a malformed %-escape is kept verbatim rather than refused. Encoding leaves RFC 2396's
// unreserved characters (alphanumerics and -_.!~*'()) alone, writes a space as '+' and every other
// byte as %XX with upper-case hex. Pure functions; tested in tests/daemon/kannel/form_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jumbe::kannel {

// One name=value pair of a query string or form body, both decoded. Order and duplicates are
// kept: Kannel's http_cgi_variable() answers with the first pair of a name.
using FormField = std::pair<std::string, std::string>;
using Form = std::vector<FormField>;

std::string url_decode(std::string_view text);
std::string url_encode(std::string_view bytes);
// Parses "a=1&b=two+words&c" (no leading '?'); a pair without '=' has an empty value, empty
// pairs ("a=1&&b=2") are skipped.
Form parse_form(std::string_view text);
// The first value of `name` (case-sensitive, as Kannel), or nullopt.
std::optional<std::string_view> form_value(const Form& form, std::string_view name);

}  // namespace jumbe::kannel
