// Built-in tables: Kenyan operator prefixes, keyword words, reply texts in Swahili and English.
// Operator ranges are the ones in shared/design/mission.md ("Local facts"); every one can be
// replaced in numbers.operators without a rebuild, as ranges are reallocated by the regulator.
#include <stdexcept>

#include "jumbe/config/config.hpp"
#include "jumbe/config/numbers.hpp"
#include "texts.hpp"

namespace jumbe::config {
namespace {

OperatorConfig make_operator(std::string name, std::string display,
                             std::initializer_list<std::string_view> specs) {
  OperatorConfig op{std::move(name), std::move(display), {}};
  for (auto spec : specs) {
    auto expanded = expand_prefix(spec, 254);
    // The table above is constant and tested; a failure here is a typo in this file.
    if (!expanded) throw std::logic_error("bad built-in prefix " + std::string(spec));
    op.prefixes.insert(op.prefixes.end(), expanded->begin(), expanded->end());
  }
  return op;
}

}  // namespace

std::vector<OperatorConfig> default_operators() {
  return {
      make_operator(
          "safaricom", "Safaricom",
          {"0700-0729", "0740-0746", "0748", "0757-0759", "0768-0769", "0790-0799", "0110-0115"}),
      make_operator("airtel", "Airtel",
                    {"0730-0739", "0750-0756", "0762", "0780-0789", "0100-0102"}),
      make_operator("telkom", "Telkom", {"0770-0779"}),
  };
}

std::map<KeywordAction, std::vector<std::string>> default_keywords() {
  return {
      {KeywordAction::report, {"REPORT", "RIPOTI"}}, {KeywordAction::join, {"JOIN", "JIUNGE"}},
      {KeywordAction::stop, {"STOP", "ACHA"}},       {KeywordAction::help, {"HELP", "MSAADA"}},
      {KeywordAction::status, {"STATUS", "HALI"}},   {KeywordAction::alert, {"ALERT", "TANGAZO"}},
  };
}

std::map<Language, std::map<std::string, std::string>> default_texts() {
  return {
      {Language::sw,
       {
           {"report_ack", "Asante. Ripoti yako ni {ref}."},
           {"join_ok", "Umejiunga na taarifa za {group}. Tuma STOP kuondoka."},
           {"join_unknown", "Hakuna eneo linaloitwa {group}. Tuma HELP kwa maelezo."},
           {"stop_ok", "Hutapokea taarifa tena. Tuma JOIN {group} kujiunga tena."},
           {"help", "Tuma: REPORT ujumbe, JOIN eneo, STOP, STATUS nambari."},
           {"alert_confirm", "Tangazo kwa {group} litatumwa kwa watu {count}."},
           {"alert_summary",
            "Tangazo kwa {group}: {delivered} wamepokea, {failed} hawakupokea, "
            "kati ya {count}."},
           {"alert_denied", "Nambari hii haina ruhusa ya kutuma tangazo kwa {group}."},
           {"status_unavailable", "Huduma ya STATUS haipatikani sasa. Jaribu tena baadaye."},
       }},
      {Language::en,
       {
           {"report_ack", "Thank you. Your report is {ref}."},
           {"join_ok", "You joined {group} alerts. Send STOP to leave."},
           {"join_unknown", "There is no location called {group}. Send HELP for details."},
           {"stop_ok", "You will get no more alerts. Send JOIN {group} to join again."},
           {"help", "Send: REPORT message, JOIN location, STOP, STATUS number."},
           {"alert_confirm", "Alert for {group} is going to {count} people."},
           {"alert_summary",
            "Alert for {group}: {delivered} delivered, {failed} failed, of {count}."},
           {"alert_denied", "This number may not send alerts to {group}."},
           {"status_unavailable", "The STATUS service is not available now. Try again later."},
       }},
  };
}

namespace detail {

const std::vector<TextSpec>& text_specs() {
  static const std::vector<TextSpec> specs = {
      {"report_ack", {"ref"}},
      {"join_ok", {"group"}},
      {"join_unknown", {"group"}},
      {"stop_ok", {"group"}},
      {"help", {}},
      {"alert_confirm", {"group", "count"}},
      {"alert_summary", {"group", "count", "delivered", "failed"}},
      {"alert_denied", {"group"}},
      {"status_unavailable", {}},
  };
  return specs;
}

const TextSpec* find_text_spec(std::string_view id) {
  for (const auto& s : text_specs())
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace detail
}  // namespace jumbe::config
