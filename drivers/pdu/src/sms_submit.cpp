// SMS-SUBMIT (3GPP TS 23.040 9.2.2.2) encode and decode. First octet: TP-MTI 01, TP-RD bit 2,
// TP-VPF bits 4..3 (00 none, 10 relative, 11 absolute, 01 enhanced), TP-SRR bit 5, TP-UDHI bit 6,
// TP-RP bit 7. Output of encode_submit is what TS 27.005 3.5.1 AT+CMGS takes in PDU mode: the
// SMSC field then the TPDU, with <length> counting the TPDU octets only.
#include "jumbe/pdu/sms_submit.hpp"

#include "jumbe/pdu/segment.hpp"
#include "wire.hpp"

namespace jumbe::pdu {

Result<std::vector<EncodedPdu>> encode_submit(std::string_view text, const SubmitOptions& o,
                                              std::uint16_t concat_ref) {
  auto to = make_address(o.to, false, o.to_toa);
  if (!to) {
    Error e = to.error();
    e.message = "to: " + e.message;
    return e;
  }
  auto smsc = wire::smsc_for_encode(o.smsc);
  if (!smsc) return smsc.error();
  std::optional<std::uint8_t> vp;
  if (o.validity.format == Validity::Format::relative) {
    auto v = relative_validity_octet(o.validity.relative_minutes);
    if (!v) return v.error();
    vp = *v;
  }
  auto body = wire::plan_body(text, o.encoding, o.ref16, o.message_class);
  if (!body) return body.error();

  return wire::encode_segments(*body, *smsc, concat_ref, o.ref16, [&](Bytes& pdu, bool udh) {
    std::uint8_t first = 0x01;
    if (o.reject_duplicates) first |= 0x04;
    if (o.validity.format == Validity::Format::relative) first |= 0x10;
    if (o.validity.format == Validity::Format::absolute) first |= 0x18;
    if (o.status_report) first |= 0x20;
    if (udh) first |= 0x40;
    if (o.reply_path) first |= 0x80;
    pdu.push_back(first);
    pdu.push_back(o.mr);
    wire::write_address(pdu, *to);
    pdu.push_back(o.pid);
    pdu.push_back(body->dcs);
    if (vp) pdu.push_back(*vp);
    if (o.validity.format == Validity::Format::absolute) {
      wire::write_timestamp(pdu, o.validity.absolute);
    }
  });
}

Result<Submit> decode_submit(ByteView pdu, bool has_smsc) {
  wire::Reader r(pdu);
  Submit m;
  auto first = wire::read_head(r, has_smsc, 0x01, "SMS-SUBMIT", m.smsc);
  if (!first) return first.error();
  m.first_octet = *first;
  m.reject_duplicates = (*first & 0x04) != 0;
  m.status_report = (*first & 0x20) != 0;
  m.reply_path = (*first & 0x80) != 0;
  auto mr = r.u8("TP-MR");
  if (!mr) return mr.error();
  m.mr = *mr;
  auto da = wire::read_address(r, "TP-DA");
  if (!da) return da.error();
  m.destination = std::move(*da);
  auto pid = r.u8("TP-PID");
  if (!pid) return pid.error();
  m.pid = *pid;
  auto dcs = r.u8("TP-DCS");
  if (!dcs) return dcs.error();
  m.dcs = decode_dcs(*dcs);
  switch ((*first >> 3) & 0x03) {
    case 0x02: {
      auto vp = r.u8("TP-VP");
      if (!vp) return vp.error();
      m.validity.format = Validity::Format::relative;
      m.validity.relative_minutes = relative_validity_minutes(*vp);
      break;
    }
    case 0x03: {
      auto ts = wire::read_timestamp(r, "TP-VP");
      if (!ts) return ts.error();
      m.validity.format = Validity::Format::absolute;
      m.validity.absolute = *ts;
      break;
    }
    case 0x01: {  // enhanced format (9.2.3.12.3): seven octets we skip
      auto skip = r.take(7, "TP-VP");
      if (!skip) return skip.error();
      break;
    }
    default:
      break;
  }
  auto ud = wire::read_user_data(r, (*first & 0x40) != 0, m.dcs);
  if (!ud) return ud.error();
  m.udh = std::move(ud->udh);
  m.has_udh = ud->has_udh;
  m.text = std::move(ud->text);
  m.data = std::move(ud->data);
  return m;
}

}  // namespace jumbe::pdu
