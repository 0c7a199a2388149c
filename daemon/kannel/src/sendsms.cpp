// /cgi-bin/sendsms parsing (sendsms.hpp). The checks and their order follow Kannel 1.4
// gw/smsbox.c: authorisation, receivers, then smsbox_req_handle()'s field checks, then the
// charset; each refusal is Kannel's own text with status 400 (403 for authorisation).
#include "jumbe/kannel/sendsms.hpp"

#include <algorithm>
#include <charconv>
#include <climits>

#include "jumbe/kannel/charset.hpp"
#include "jumbe/kannel/dlr.hpp"
#include "jumbe/kannel/form.hpp"

namespace jumbe::kannel {

namespace {

constexpr int kUndefined = -1;  // Kannel's SMS_PARAM_UNDEFINED
// smsbox.c SENDSMS_DEFAULT_CHARS: what a receiver may contain (sendsms-chars).
constexpr std::string_view kNumberChars = "0123456789 +-";
constexpr std::size_t kAccountMaxLen = 64;  // smsbox.c ACCOUNT_MAX_LEN

Reply bad(std::string text) {
  return Reply{400, std::move(text)};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// An integer parameter: absent or empty is Kannel's "undefined" (-1); anything but a whole
// number is refused (Kannel's sscanf would read "3abc" as 3 and "abc" as undefined: jumbe says
// the field is misformed instead of guessing).
tl::expected<int, Reply> integer(const Form& args, std::string_view name, std::string_view alt,
                                 const char* misformed) {
  auto v = form_value(args, name);
  if (!v && !alt.empty()) v = form_value(args, alt);
  if (!v) return kUndefined;
  std::string_view s = trim(*v);
  if (s.empty()) return kUndefined;
  if (s.front() == '+') s.remove_prefix(1);
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return tl::unexpected(bad(misformed));
  return value;
}

std::string_view value_or_empty(const Form& args, std::string_view name,
                                std::string_view alt = {}) {
  if (auto v = form_value(args, name)) return *v;
  if (!alt.empty())
    if (auto v = form_value(args, alt)) return *v;
  return {};
}

struct ContentType {
  std::string type;  // lower case, no parameters
  std::string charset;
};

ContentType parse_content_type(std::string_view header) {
  ContentType ct;
  const auto semi = header.find(';');
  ct.type = lower(trim(header.substr(0, semi)));
  std::string_view params =
      semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
  while (!params.empty()) {
    const auto next = params.find(';');
    std::string_view p = trim(params.substr(0, next));
    params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
    const auto eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower(trim(p.substr(0, eq))) != "charset") continue;
    std::string_view v = trim(p.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    ct.charset = std::string(v);
  }
  return ct;
}

// gw/smsbox.c get_x_kannel_from_headers(): the header for each CGI variable.
constexpr std::pair<std::string_view, std::string_view> kHeaderFields[] = {
    {"x-kannel-username", "username"},
    {"x-kannel-password", "password"},
    {"x-kannel-from", "from"},
    {"x-kannel-to", "to"},
    {"x-kannel-udh", "udh"},
    {"x-kannel-smsc", "smsc"},
    {"x-kannel-mclass", "mclass"},
    {"x-kannel-mwi", "mwi"},
    {"x-kannel-coding", "coding"},
    {"x-kannel-compress", "compress"},
    {"x-kannel-validity", "validity"},
    {"x-kannel-deferred", "deferred"},
    {"x-kannel-dlr-mask", "dlr-mask"},
    {"x-kannel-dlr-url", "dlr-url"},
    {"x-kannel-account", "account"},
    {"x-kannel-pid", "pid"},
    {"x-kannel-alt-dcs", "alt-dcs"},
    {"x-kannel-rpi", "rpi"},
    {"x-kannel-binfo", "binfo"},
    {"x-kannel-priority", "priority"},
    {"x-kannel-meta-data", "meta-data"}};

Form form_from_headers(const HttpRequest& r) {
  Form form;
  for (const auto& [name, value] : r.headers) {
    const std::string key = lower(name);
    for (const auto& [header, field] : kHeaderFields)
      if (key == header) form.emplace_back(std::string(field), std::string(trim(value)));
  }
  return form;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (i < text.size()) {
    while (i < text.size() && space(text[i]))
      ++i;
    const std::size_t start = i;
    while (i < text.size() && !space(text[i]))
      ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

const config::KannelUser* authorise(const Form& args, const config::KannelConfig& config) {
  auto user = form_value(args, "username");
  if (!user) user = form_value(args, "user");
  auto pass = form_value(args, "password");
  if (!pass) pass = form_value(args, "pass");
  if (!user || !pass) return nullptr;
  for (const auto& u : config.users) {
    if (u.username != *user) continue;
    return secure_equals(u.password.reveal(), *pass) ? &u : nullptr;
  }
  return nullptr;
}

store::Priority priority_of(int kannel_priority) {
  // Kannel: 0 (default) lowest .. 3 highest. RapidPro sends priority=1 for its high-priority
  // messages (courier handlers/kannel), which must overtake ordinary traffic.
  switch (kannel_priority) {
    case 1:
    case 2:
      return store::Priority::high;
    case 3:
      return store::Priority::emergency;
    default:
      return store::Priority::normal;
  }
}

}  // namespace

tl::expected<SendsmsRequest, Reply> parse_sendsms(const HttpRequest& request,
                                                  const config::KannelConfig& config) {
  if (!config.enabled) return tl::unexpected(reply_disabled());
  const std::string method = lower(request.method);
  if (method != "get" && method != "post")
    return tl::unexpected(Reply{405, "Only GET and POST are allowed, rejected"});

  const auto q = request.target.find('?');
  const std::string_view query =
      q == std::string_view::npos ? std::string_view{} : request.target.substr(q + 1);

  Form args = parse_form(query);
  std::optional<std::string> body_text;  // POST with the text as the body
  std::string charset;
  int default_coding = 0;
  bool header_post = false;
  if (method == "post" && !request.body.empty()) {
    const ContentType ct = parse_content_type(request.content_type);
    if (ct.type == "application/x-www-form-urlencoded") {
      // Form fields in the body; those in the query string, if any, are looked at first.
      Form body = parse_form(request.body);
      args.insert(args.end(), body.begin(), body.end());
    } else if (ct.type == "text/plain" || ct.type == "application/octet-stream") {
      // smsbox_sendsms_post(): the body is the text, the parameters are X-Kannel-* headers,
      // the charset is Content-Type's; octet-stream means 8-bit unless X-Kannel-Coding says.
      args = form_from_headers(request);
      body_text = std::string(request.body);
      charset = ct.charset;
      default_coding = ct.type == "text/plain" ? 0 : 1;
      header_post = true;
    } else {
      return tl::unexpected(bad("Invalid content-type"));
    }
  }

  const config::KannelUser* user = authorise(args, config);
  if (user == nullptr) return tl::unexpected(reply_authorization_failed());

  const auto to = form_value(args, "to");
  if (!to)
    return tl::unexpected(bad(header_post ? "Missing receiver(s) number(s), rejected"
                                          : "Missing receiver number, rejected"));
  if (to->empty()) return tl::unexpected(bad("Empty receiver number not allowed, rejected"));

  SendsmsRequest out;
  out.username = user->username;
  out.client = user->client;

  const std::string_view udh = value_or_empty(args, "udh");
  if (!udh.empty())
    return tl::unexpected(bad("UDH is not supported by jumbe (it builds its own), rejected"));

  for (auto& word : split_words(*to)) {
    const bool legal = std::all_of(word.begin(), word.end(), [](char c) {
      return kNumberChars.find(c) != std::string_view::npos;
    });
    auto& list = legal ? out.recipients : out.denied;
    if (std::find(list.begin(), list.end(), word) == list.end()) list.push_back(std::move(word));
  }
  if (out.recipients.empty())
    return tl::unexpected(bad("Number(s) has/have been denied by white- and/or black-lists."));

  const std::string_view from = value_or_empty(args, "from");
  out.from = !from.empty() ? std::string(from) : user->default_sender;

  out.account = std::string(value_or_empty(args, "account"));
  if (out.account.size() > kAccountMaxLen ||
      out.account.find_first_of("[]\n\r") != std::string::npos)
    return tl::unexpected(bad("Account field misformed or too long, rejected"));
  out.binfo = std::string(value_or_empty(args, "binfo"));
  out.smsc = std::string(value_or_empty(args, "smsc"));

  out.dlr_url = std::string(value_or_empty(args, "dlr-url", "dlrurl"));
  if (!out.dlr_url.empty()) {
    const std::string head = lower(std::string_view(out.dlr_url).substr(0, 8));
    if (out.dlr_url.size() < 8 || (head.rfind("http://", 0) != 0 && head != "https://"))
      return tl::unexpected(bad("DLR-URL field misformed, rejected"));
  }

  struct Check {
    std::string_view name;
    std::string_view alt;
    int min;
    int max;
    const char* misformed;
  };
  // smsbox_req_handle()'s ranges, in its order (-1 is "not given" everywhere).
  static constexpr Check kChecks[] = {
      {"dlr-mask", "dlrmask", -1, 63, "DLR-Mask field misformed, rejected"},
      {"mclass", "", -1, 3, "MClass field misformed, rejected"},
      {"pid", "", -1, 255, "PID field misformed, rejected"},
      {"rpi", "", -1, 2, "RPI field misformed, rejected"},
      {"alt-dcs", "", -1, 1, "Alt-DCS field misformed, rejected"},
      {"mwi", "", -1, 7, "MWI field misformed, rejected"},
      {"coding", "", -1, 2, "Coding field misformed, rejected"},
      {"compress", "", -1, 1, "Compress field misformed, rejected"},
      {"validity", "", -1, INT_MAX, "Validity field misformed, rejected"},
      {"deferred", "", -1, INT_MAX, "Deferred field misformed, rejected"},
      {"priority", "", -1, 3, "Priority field misformed, rejected"},
  };
  int values[std::size(kChecks)];
  for (std::size_t i = 0; i < std::size(kChecks); ++i) {
    const auto& c = kChecks[i];
    auto v = integer(args, c.name, c.alt, c.misformed);
    if (!v) return tl::unexpected(v.error());
    if (*v < c.min || *v > c.max) return tl::unexpected(bad(c.misformed));
    values[i] = *v;
  }
  const int dlr_mask = values[0], coding = values[6], validity = values[8], deferred = values[9],
            priority = values[10];

  out.coding = coding == kUndefined ? default_coding : coding;
  if (out.coding == 1)
    return tl::unexpected(
        bad("8-bit binary messages (coding=1) are not supported by jumbe, rejected"));
  out.dlr_mask = dlr_mask == kUndefined ? 0 : dlr_mask;
  if (validity > 0) out.valid_for_ms = static_cast<std::int64_t>(validity) * 60'000;
  if (deferred > 0) out.defer_ms = static_cast<std::int64_t>(deferred) * 60'000;
  out.priority = priority_of(priority);

  if (charset.empty()) charset = std::string(value_or_empty(args, "charset"));
  const std::string_view raw =
      body_text ? std::string_view(*body_text) : value_or_empty(args, "text");
  auto text = text_to_utf8(raw, charset, out.coding);
  if (!text) return tl::unexpected(bad("Charset or body misformed, rejected"));
  out.text = std::move(*text);
  // Kannel would send an empty SMS; jumbe's gateway refuses one (API contract: empty text is
  // invalid), so say it here in Kannel's style rather than fail later.
  if (out.text.empty()) return tl::unexpected(bad("Empty text not allowed, rejected."));

  out.origin = encode_dlr_origin(out.dlr_mask, out.dlr_url);
  return out;
}

}  // namespace jumbe::kannel
