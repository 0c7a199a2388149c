// `jumbe pdu`: the SMS PDU codec offline, for operators triaging what a modem printed and for
// scripts. Subcommands count / encode / decode / reassemble / ussd-decode / ussd-encode / cusd.
// Contract (issue 3): output on stdout (JSON, or "<tpdu_length> <hex>" lines for encode); bad
// input gives one line on stderr naming what is wrong and where, exit 1; usage errors exit 2
// (CLI11 parse errors, handled in main.cpp). Values come as --name=VALUE, UTF-8, may be empty.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "jumbe/pdu/pdu.hpp"

namespace jumbe::cli {
namespace {

using nlohmann::json;
namespace pdu = jumbe::pdu;

// One JSON document per line; invalid UTF-8 can only come from a bug, never abort on it.
void print_json(const json& j) {
  std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

int fail(const std::string& what, const pdu::Error& e) {
  std::cerr << "jumbe pdu " << what << ": " << e.describe() << " (" << pdu::to_string(e.code)
            << ")\n";
  return exit_failed;
}

json address_json(const pdu::Address& a) {
  return a.value;
}

json concat_json(const pdu::Concat& c) {
  return {{"ref", c.ref}, {"total", c.total}, {"seq", c.seq}, {"ref_bits", c.ref_bits}};
}

json class_json(const pdu::DataCoding& d) {
  return d.message_class ? json(*d.message_class) : json(nullptr);
}

// Fields every message with user data shares: encoding, text or data, DCS details, UDH.
void user_data_json(json& j, const pdu::DataCoding& dcs, const pdu::UserDataHeader& udh,
                    const std::string& text, const pdu::Bytes& data) {
  j["dcs"] = dcs.raw;
  j["class"] = class_json(dcs);
  j["encoding"] = std::string(pdu::to_string(dcs.encoding));
  if (dcs.compressed) {
    j["compressed"] = true;
    j["data_hex"] = pdu::to_hex(data);
  } else if (dcs.encoding == pdu::Encoding::eight_bit) {
    j["data_hex"] = pdu::to_hex(data);
  } else {
    j["text"] = text;
  }
  if (dcs.message_waiting) {
    static const char* kinds[] = {"voicemail", "fax", "email", "other"};
    j["message_waiting"] = {{"active", dcs.message_waiting_active},
                            {"kind", kinds[static_cast<int>(dcs.waiting_kind)]},
                            {"discard", dcs.message_waiting_discard}};
  }
  if (udh.concat) j["concat"] = concat_json(*udh.concat);
  if (udh.ports) {
    j["ports"] = {{"destination", udh.ports->destination},
                  {"source", udh.ports->source},
                  {"bits", udh.ports->bits}};
  }
  if (!udh.other.empty()) {
    json other = json::array();
    for (const auto& e : udh.other)
      other.push_back({{"iei", e.iei}, {"data_hex", pdu::to_hex(e.data)}});
    j["udh_other"] = other;
  }
}

json message_json(const pdu::Deliver& m) {
  json j{{"type", "deliver"}};
  if (m.smsc) j["smsc"] = address_json(*m.smsc);
  j["sender"] = address_json(m.sender);
  j["sender_toa"] = m.sender.toa;
  j["timestamp"] = m.timestamp.iso8601();
  j["pid"] = m.pid;
  user_data_json(j, m.dcs, m.udh, m.text, m.data);
  j["more_messages"] = m.more_messages;
  if (m.reply_path) j["reply_path"] = true;
  if (m.status_report_indication) j["status_report_indication"] = true;
  return j;
}

json message_json(const pdu::Submit& m) {
  json j{{"type", "submit"}};
  if (m.smsc) j["smsc"] = address_json(*m.smsc);
  j["mr"] = m.mr;
  j["destination"] = address_json(m.destination);
  j["destination_toa"] = m.destination.toa;
  j["pid"] = m.pid;
  user_data_json(j, m.dcs, m.udh, m.text, m.data);
  j["status_report"] = m.status_report;
  if (m.reject_duplicates) j["reject_duplicates"] = true;
  if (m.reply_path) j["reply_path"] = true;
  if (m.validity.format == pdu::Validity::Format::relative) {
    j["validity_minutes"] = m.validity.relative_minutes;
  } else if (m.validity.format == pdu::Validity::Format::absolute) {
    j["validity_until"] = m.validity.absolute.iso8601();
  }
  return j;
}

json message_json(const pdu::StatusReport& m) {
  json j{{"type", "status_report"}};
  if (m.smsc) j["smsc"] = address_json(*m.smsc);
  j["mr"] = m.mr;
  j["recipient"] = address_json(m.recipient);
  j["recipient_toa"] = m.recipient.toa;
  j["status"] = m.status;
  j["status_class"] = std::string(pdu::status_class_name(pdu::status_class(m.status)));
  j["status_meaning"] = std::string(pdu::status_meaning(m.status));
  j["final"] = pdu::status_is_final(m.status);
  j["timestamp"] = m.timestamp.iso8601();
  j["discharge_time"] = m.discharge_time.iso8601();
  if (m.status_report_qualifier) j["report_of_command"] = true;
  if (!m.text.empty()) j["text"] = m.text;
  return j;
}

// "30m", "12h", "2d", "5w" -> minutes; 0 when malformed.
std::uint32_t parse_validity(const std::string& s) {
  if (s.size() < 2 || s.size() > 8) return 0;
  std::uint32_t n = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return 0;
    n = n * 10 + static_cast<std::uint32_t>(s[i] - '0');
  }
  switch (s.back()) {
    case 'm':
      return n;
    case 'h':
      return n * 60;
    case 'd':
      return n * 1440;
    case 'w':
      return n * 10080;
    default:
      return 0;
  }
}

const char* const pdu_help =
    "Encode and decode SMS PDUs (3GPP TS 23.040 / 23.038) exactly as the gateway does, offline.\n"
    "Values are passed as --name=VALUE (one argument, UTF-8, may be empty or hold newlines);\n"
    "hex in either case. Exit 0 on success; malformed input: one line on stderr naming what is\n"
    "wrong and where, exit 1; usage errors exit 2.";

const char* const pdu_footer = R"(Subcommands and their output:
  count --text=TEXT
      {"encoding":"gsm7"|"ucs2","segments":N,"units":N,"unit":"septets"|"ucs2_units",
       "units_per_segment":N,"units_left":N,"characters":N}
  encode --to=NUMBER --text=TEXT [--smsc=NUMBER] [--srr] [--validity=30m|12h|2d|5w]
         [--ref16] [--ref=N] [--class=0..3]
      one line per segment: "<tpdu_length> <hex>", the hex starting with the SMSC field
      (00 = the modem's default): exactly what follows AT+CMGS=<tpdu_length>.
  decode [--no-smsc] HEX
      SMS-DELIVER: {"type":"deliver","smsc":...,"sender":...,"sender_toa":145,
       "timestamp":"2024-03-05T14:07:09+03:00","pid":0,"dcs":0,"class":null|0..3,
       "encoding":"gsm7"|"ucs2"|"8bit","text":... (or "data_hex":... for 8-bit),
       "concat":{"ref":42,"total":3,"seq":1,"ref_bits":8},"ports":{...},"more_messages":false}
      SMS-STATUS-REPORT: {"type":"status_report","mr":42,"recipient":...,"recipient_toa":145,
       "status":0,"status_class":"delivered"|"pending"|"failed"|"reserved",
       "status_meaning":...,"final":true,"timestamp":...,"discharge_time":...}
      SMS-SUBMIT: {"type":"submit","mr":0,"destination":...,"destination_toa":145,"pid":0,
       "dcs":0,"class":null,"encoding":...,"text":...,"status_report":false,
       "validity_minutes":N | "validity_until":...,"concat":{...}}
      Addresses carry a leading + only for international numbers (type 0x91);
      alphanumeric senders appear as text. Absent optional fields are omitted.
  reassemble [--no-smsc] HEX [HEX ...]
      {"messages":[{"sender":...,"ref":42|null,"ref_bits":8|16|0,"total":3,"text":...|null,
       "complete":true|false,"missing":[2]}]}  parts of one message share sender, reference
      and reference size; they may come in any order, duplicated, or be missing.
  ussd-decode --dcs=N --mode=packed-hex|ucs2-hex|text --payload=PAYLOAD
      {"text":...}
  ussd-encode --mode=packed-hex|ucs2-hex --text=TEXT
      the payload for AT+CUSD=1,"<payload>",15
  cusd --mode=packed-hex|ucs2-hex|text --line='+CUSD: 0,"AA180C3602",15'
      {"status":0,"dcs":15,"text":"*100#"}

Examples:
  jumbe pdu count --text='Habari! Baraza kesho saa nne.'
  jumbe pdu encode --to=+254712345678 --text='Asante' --srr --validity=12h
  jumbe pdu decode 07912104442961F4040B916171957291F800001120821105050A...
  jumbe pdu ussd-decode --dcs=15 --mode=packed-hex --payload=AA180C3602)";

struct Options {
  std::string text, to, smsc, validity, hex, payload, mode, line;
  std::vector<std::string> hexes;
  bool srr = false, ref16 = false, no_smsc = false;
  int message_class = -1, dcs = 15;
  unsigned ref = 0;
};

int run_count(const Options& o) {
  auto plan = pdu::plan_segments(o.text);
  if (!plan) return fail("count", plan.error());
  const char* unit = plan->encoding == pdu::Encoding::gsm7 ? "septets" : "ucs2_units";
  print_json({{"encoding", std::string(pdu::to_string(plan->encoding))},
              {"segments", plan->segments},
              {"units", plan->units},
              {"unit", unit},
              {"units_per_segment", plan->units_per_segment},
              {"units_left", plan->units_left},
              {"characters", plan->characters}});
  return exit_ok;
}

int run_encode(const Options& o) {
  pdu::SubmitOptions s;
  s.to = o.to;
  if (!o.smsc.empty()) s.smsc = o.smsc;
  s.status_report = o.srr;
  s.ref16 = o.ref16;
  if (o.message_class >= 0) s.message_class = o.message_class;
  if (!o.validity.empty()) {
    s.validity.format = pdu::Validity::Format::relative;
    s.validity.relative_minutes = parse_validity(o.validity);
  }
  auto pdus = pdu::encode_submit(o.text, s, static_cast<std::uint16_t>(o.ref));
  if (!pdus) return fail("encode", pdus.error());
  for (const auto& p : *pdus)
    std::cout << p.tpdu_length << ' ' << p.hex << '\n';
  return exit_ok;
}

int run_decode(const Options& o) {
  auto m = pdu::decode_hex(o.hex, !o.no_smsc);
  if (!m) return fail("decode", m.error());
  print_json(std::visit([](const auto& x) { return message_json(x); }, *m));
  return exit_ok;
}

int run_reassemble(const Options& o) {
  std::vector<pdu::Deliver> parts;
  for (std::size_t i = 0; i < o.hexes.size(); ++i) {
    const std::string what = "reassemble: argument " + std::to_string(i + 1);
    auto bytes = pdu::from_hex(o.hexes[i]);
    if (!bytes) return fail(what, bytes.error());
    auto d = pdu::decode_deliver(*bytes, !o.no_smsc);
    if (!d) return fail(what, d.error());
    parts.push_back(std::move(*d));
  }
  json messages = json::array();
  for (const auto& r : pdu::reassemble(parts)) {
    json j{{"sender", address_json(r.sender)}};
    j["ref"] = r.ref_bits ? json(r.ref) : json(nullptr);
    j["ref_bits"] = r.ref_bits;
    j["total"] = r.total;
    j["complete"] = r.complete;
    j["text"] = r.text ? json(*r.text) : json(nullptr);
    if (r.complete && !r.text) j["data_hex"] = pdu::to_hex(r.data);
    if (!r.missing.empty()) j["missing"] = r.missing;
    messages.push_back(std::move(j));
  }
  print_json({{"messages", messages}});
  return exit_ok;
}

int run_ussd_decode(const Options& o) {
  auto text = pdu::ussd_decode(o.dcs, *pdu::parse_ussd_mode(o.mode), o.payload);
  if (!text) return fail("ussd-decode", text.error());
  print_json({{"text", *text}});
  return exit_ok;
}

int run_ussd_encode(const Options& o) {
  auto hex = pdu::ussd_encode(o.text, *pdu::parse_ussd_mode(o.mode));
  if (!hex) return fail("ussd-encode", hex.error());
  std::cout << *hex << '\n';
  return exit_ok;
}

int run_cusd(const Options& o) {
  auto c = pdu::parse_cusd(o.line, *pdu::parse_ussd_mode(o.mode));
  if (!c) return fail("cusd", c.error());
  json j{{"status", c->status}};
  if (c->dcs) j["dcs"] = *c->dcs;
  if (c->text) j["text"] = *c->text;
  print_json(j);
  return exit_ok;
}

// CLI11 validators: their failures are usage errors (exit 2). String options take
// expected(0, 1) so that `--text=` passes an empty value instead of "value missing".
const CLI::Validator validity_check(
    [](std::string& s) {
      const std::uint32_t m = parse_validity(s);
      if (m == 0) return std::string("must be a number then m, h, d or w, e.g. 30m, 12h, 2d, 5w");
      if (m > 63u * 10080u) return std::string("must be at most 63 weeks");
      return std::string();
    },
    "DURATION");
const CLI::Validator mode_check = CLI::IsMember({"packed-hex", "ucs2-hex", "text"});
const CLI::Validator encode_mode_check = CLI::IsMember({"packed-hex", "ucs2-hex"});

}  // namespace

void add_pdu_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* pdu_app = app.add_subcommand("pdu", pdu_help);
  pdu_app->footer(pdu_footer);
  pdu_app->require_subcommand(1);
  auto bind = [&exit_code, opts](CLI::App* sub, int (*fn)(const Options&)) {
    sub->callback([&exit_code, opts, fn] { exit_code = fn(*opts); });
  };

  CLI::App* count = pdu_app->add_subcommand("count", "Encoding and segment count of a text");
  count->add_option("--text", opts->text, "Message text (UTF-8)")
      ->required()
      ->expected(0, 1)
      ->expected(0, 1);
  bind(count, run_count);

  CLI::App* encode =
      pdu_app->add_subcommand("encode", "SMS-SUBMIT PDUs for AT+CMGS, one line per segment");
  encode->add_option("--to", opts->to, "Destination: +<country><number>, or digits")
      ->required()
      ->expected(0, 1);
  encode->add_option("--text", opts->text, "Message text (UTF-8)")->required()->expected(0, 1);
  encode->add_option("--smsc", opts->smsc, "SMSC number (default: the modem's, field 00)")
      ->expected(0, 1);
  encode->add_flag("--srr", opts->srr, "Request a status report (TP-SRR)");
  encode->add_option("--validity", opts->validity, "Relative validity: 30m, 12h, 2d, 5w")
      ->check(validity_check);
  encode->add_flag("--ref16", opts->ref16, "16-bit concatenation reference (default 8-bit)");
  encode->add_option("--ref", opts->ref, "Concatenation reference number (default 0)")
      ->check(CLI::Range(0, 65535));
  encode->add_option("--class", opts->message_class, "Message class 0..3 (0 = flash)")
      ->check(CLI::Range(0, 3));
  bind(encode, run_encode);

  CLI::App* decode = pdu_app->add_subcommand("decode", "Decode one PDU to JSON");
  decode->add_flag("--no-smsc", opts->no_smsc, "The PDU has no SMSC field (starts at TP-MTI)");
  decode->add_option("hex", opts->hex, "PDU as hex, as +CMGR/+CMGL/+CMT/+CDS print it")->required();
  bind(decode, run_decode);

  CLI::App* reassemble =
      pdu_app->add_subcommand("reassemble", "Join the parts of concatenated SMS-DELIVERs");
  reassemble->add_flag("--no-smsc", opts->no_smsc, "The PDUs have no SMSC field");
  reassemble->add_option("hex", opts->hexes, "SMS-DELIVER PDUs as hex, any order")->required();
  bind(reassemble, run_reassemble);

  CLI::App* ussd_decode = pdu_app->add_subcommand("ussd-decode", "Decode a +CUSD payload");
  ussd_decode->add_option("--dcs", opts->dcs, "CBS data coding scheme, e.g. 15, 72, 68")
      ->required()
      ->check(CLI::Range(0, 255));
  ussd_decode->add_option("--mode", opts->mode, "packed-hex, ucs2-hex or text")
      ->required()
      ->check(mode_check);
  ussd_decode->add_option("--payload", opts->payload, "The quoted string of +CUSD")
      ->required()
      ->expected(0, 1);
  bind(ussd_decode, run_ussd_decode);

  CLI::App* ussd_encode = pdu_app->add_subcommand("ussd-encode", "Payload for AT+CUSD=1,...,15");
  ussd_encode->add_option("--mode", opts->mode, "packed-hex or ucs2-hex")
      ->required()
      ->check(encode_mode_check);
  ussd_encode->add_option("--text", opts->text, "USSD request, e.g. *144#")
      ->required()
      ->expected(0, 1);
  bind(ussd_encode, run_ussd_encode);

  CLI::App* cusd = pdu_app->add_subcommand("cusd", "Parse and decode one +CUSD line");
  cusd->add_option("--mode", opts->mode, "packed-hex, ucs2-hex or text")
      ->required()
      ->check(mode_check);
  cusd->add_option("--line", opts->line, "The line as the modem printed it")
      ->required()
      ->expected(0, 1);
  bind(cusd, run_cusd);
}

}  // namespace jumbe::cli
