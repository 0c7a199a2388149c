// The simulator's use of the SMS codec (jumbe::pdu): SMS-SUBMIT decoding (TS 23.040 9.2.2.2),
// SMS-DELIVER and SMS-STATUS-REPORT encoding (9.2.2.1, 9.2.2.3), USSD strings (TS 23.038 5,
// 6.1.2.3). Only adapts types; every bit of the wire format lives in drivers/pdu.
#include "jumbe/sim/sms_codec.hpp"

#include <cstdio>
#include <ctime>

#include "jumbe/pdu/alphabet.hpp"
#include "jumbe/pdu/hex.hpp"
#include "jumbe/pdu/sms_deliver.hpp"
#include "jumbe/pdu/sms_submit.hpp"
#include "jumbe/pdu/status_report.hpp"
#include "jumbe/pdu/types.hpp"
#include "jumbe/pdu/ussd.hpp"

namespace jumbe::sim {

namespace {

pdu::Timestamp to_pdu(const SimTime& t) {
  pdu::Timestamp ts;
  ts.year = t.year;
  ts.month = t.month;
  ts.day = t.day;
  ts.hour = t.hour;
  ts.minute = t.minute;
  ts.second = t.second;
  ts.tz_quarters = t.tz_quarters;
  return ts;
}

}  // namespace

std::string SimTime::text_mode() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%02d,%02d:%02d:%02d%c%02d", year % 100, month, day,
                hour, minute, second, tz_quarters < 0 ? '-' : '+',
                tz_quarters < 0 ? -tz_quarters : tz_quarters);
  return buf;
}

SimTime sim_time_from_epoch_ms(std::int64_t ms, int tz_quarters) {
  const std::time_t secs = static_cast<std::time_t>(ms / 1000) + tz_quarters * 15 * 60;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  SimTime t;
  t.year = tm.tm_year + 1900;
  t.month = tm.tm_mon + 1;
  t.day = tm.tm_mday;
  t.hour = tm.tm_hour;
  t.minute = tm.tm_min;
  t.second = tm.tm_sec;
  t.tz_quarters = tz_quarters;
  return t;
}

tl::expected<SentRecord, std::string> decode_submit(std::string_view hex, int declared_length) {
  auto bytes = pdu::from_hex(hex);
  if (!bytes) return tl::make_unexpected("PDU: " + bytes.error().describe());
  if (bytes->empty()) return tl::make_unexpected(std::string{"PDU: empty"});
  const std::size_t smsc_len = 1u + (*bytes)[0];
  if (bytes->size() < smsc_len ||
      bytes->size() - smsc_len != static_cast<std::size_t>(declared_length)) {
    return tl::make_unexpected(
        "PDU: AT+CMGS length " + std::to_string(declared_length) + " does not match the " +
        std::to_string(bytes->size() >= smsc_len ? bytes->size() - smsc_len : 0) +
        " TPDU octets written");
  }
  auto s = pdu::decode_submit(*bytes, true);
  if (!s) return tl::make_unexpected("SMS-SUBMIT: " + s.error().describe());
  SentRecord r;
  r.to = s->destination.value;
  r.encoding = std::string{pdu::to_string(s->dcs.encoding)};
  r.text = s->dcs.encoding == pdu::Encoding::eight_bit ? pdu::to_hex(s->data) : s->text;
  r.srr = s->status_report;
  if (s->validity.format == pdu::Validity::Format::relative) {
    r.validity_minutes = static_cast<int>(s->validity.relative_minutes);
  }
  r.message_class = s->dcs.message_class;
  if (s->has_udh) {
    const auto udh = pdu::encode_udh(s->udh);
    if (udh.size() > 1) r.udh_hex = pdu::to_hex(pdu::ByteView{udh}.subspan(1));
    if (s->udh.concat) {
      r.concat_ref = s->udh.concat->ref;
      r.concat_total = s->udh.concat->total;
      r.concat_seq = s->udh.concat->seq;
      r.concat_ref_bits = s->udh.concat->ref_bits;
    }
  }
  r.pdu_hex = pdu::to_hex(*bytes);
  return r;
}

tl::expected<std::vector<EncodedPart>, std::string> encode_deliver(const DeliverRequest& req) {
  pdu::DeliverOptions o;
  o.from = req.from;
  if (!req.smsc.empty()) o.smsc = req.smsc;
  o.timestamp = to_pdu(req.time);
  o.message_class = req.message_class;
  if (req.encoding == "gsm7") {
    o.encoding = pdu::Encoding::gsm7;
  } else if (req.encoding == "ucs2") {
    o.encoding = pdu::Encoding::ucs2;
  } else if (req.encoding != "auto" && !req.encoding.empty()) {
    return tl::make_unexpected("unknown encoding '" + req.encoding + "' (auto, gsm7 or ucs2)");
  }
  auto parts = pdu::encode_deliver(req.text, o, static_cast<std::uint16_t>(req.concat_ref));
  if (!parts) return tl::make_unexpected("SMS-DELIVER: " + parts.error().describe());
  std::vector<EncodedPart> out;
  for (const auto& p : *parts) {
    EncodedPart e;
    e.pdu_hex = p.hex;
    e.tpdu_length = static_cast<int>(p.tpdu_length);
    // Each part's own text, read back through the decoder (what a client will see).
    const auto bytes = pdu::from_hex(p.hex);
    if (bytes) {
      if (const auto d = pdu::decode_deliver(*bytes, true)) e.text = d->text;
    }
    out.push_back(std::move(e));
  }
  return out;
}

tl::expected<EncodedPart, std::string> encode_status_report(std::string_view smsc, int mr,
                                                            std::string_view recipient,
                                                            const SimTime& scts,
                                                            const SimTime& discharge, int status) {
  pdu::StatusReportOptions o;
  o.mr = static_cast<std::uint8_t>(mr);
  o.recipient = std::string{recipient};
  o.timestamp = to_pdu(scts);
  o.discharge_time = to_pdu(discharge);
  o.status = static_cast<std::uint8_t>(status);
  if (!smsc.empty()) o.smsc = std::string{smsc};
  auto p = pdu::encode_status_report(o);
  if (!p) return tl::make_unexpected("SMS-STATUS-REPORT: " + p.error().describe());
  return EncodedPart{p->hex, static_cast<int>(p->tpdu_length), {}};
}

tl::expected<std::string, std::string> ussd_pack_hex(std::string_view utf8) {
  auto r = pdu::ussd_encode(utf8, pdu::UssdMode::packed_hex);
  if (!r) return tl::make_unexpected(r.error().describe());
  return *r;
}

tl::expected<std::string, std::string> ussd_unpack_hex(std::string_view hex) {
  auto r = pdu::ussd_decode(15, pdu::UssdMode::packed_hex, hex);
  if (!r) return tl::make_unexpected(r.error().describe());
  return *r;
}

std::string utf8_to_ucs2_hex(std::string_view utf8) {
  auto cps = pdu::utf8_to_code_points(utf8);
  if (!cps) return {};
  return pdu::to_hex(pdu::utf16_to_bytes(pdu::to_utf16(*cps)));
}

tl::expected<std::string, std::string> ucs2_hex_to_utf8(std::string_view hex) {
  auto bytes = pdu::from_hex(hex);
  if (!bytes) return tl::make_unexpected(bytes.error().describe());
  return pdu::utf16be_to_utf8(*bytes);
}

bool fits_gsm7(std::string_view utf8) {
  auto cps = pdu::utf8_to_code_points(utf8);
  return cps && pdu::to_gsm7(*cps).has_value();
}

}  // namespace jumbe::sim
