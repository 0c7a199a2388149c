// SMS-DELIVER (3GPP TS 23.040 9.2.2.1) decode and encode. First octet: TP-MTI 00, TP-MMS bit 2
// (0 = more messages waiting), TP-LP bit 3, TP-SRI bit 5, TP-UDHI bit 6, TP-RP bit 7; then
// TP-OA, TP-PID, TP-DCS, TP-SCTS, TP-UDL, TP-UD. Modems print it after the SMSC field in +CMGR,
// +CMGL and +CMT (TS 27.005 3.4.1, 3.1); the encoder serves the jumbe-sim.
#include "jumbe/pdu/sms_deliver.hpp"

#include "jumbe/pdu/segment.hpp"
#include "wire.hpp"

namespace jumbe::pdu {

Result<Deliver> decode_deliver(ByteView pdu, bool has_smsc) {
  wire::Reader r(pdu);
  Deliver m;
  auto first = wire::read_head(r, has_smsc, 0x00, "SMS-DELIVER", m.smsc);
  if (!first) return first.error();
  m.first_octet = *first;
  m.more_messages = (*first & 0x04) == 0;
  m.loop_prevention = (*first & 0x08) != 0;
  m.status_report_indication = (*first & 0x20) != 0;
  m.reply_path = (*first & 0x80) != 0;
  auto oa = wire::read_address(r, "TP-OA");
  if (!oa) return oa.error();
  m.sender = std::move(*oa);
  auto pid = r.u8("TP-PID");
  if (!pid) return pid.error();
  m.pid = *pid;
  auto dcs = r.u8("TP-DCS");
  if (!dcs) return dcs.error();
  m.dcs = decode_dcs(*dcs);
  auto ts = wire::read_timestamp(r, "TP-SCTS");
  if (!ts) return ts.error();
  m.timestamp = *ts;
  auto ud = wire::read_user_data(r, (*first & 0x40) != 0, m.dcs);
  if (!ud) return ud.error();
  m.udh = std::move(ud->udh);
  m.has_udh = ud->has_udh;
  m.text = std::move(ud->text);
  m.data = std::move(ud->data);
  return m;
}

Result<std::vector<EncodedPdu>> encode_deliver(std::string_view text, const DeliverOptions& o,
                                               std::uint16_t concat_ref) {
  auto from = make_address(o.from, true, o.from_toa);
  if (!from) {
    Error e = from.error();
    e.message = "from: " + e.message;
    return e;
  }
  auto smsc = wire::smsc_for_encode(o.smsc);
  if (!smsc) return smsc.error();
  auto body = wire::plan_body(text, o.encoding, o.ref16, o.message_class);
  if (!body) return body.error();

  return wire::encode_segments(*body, *smsc, concat_ref, o.ref16, [&](Bytes& pdu, bool udh) {
    std::uint8_t first = 0x00;
    if (!o.more_messages) first |= 0x04;
    if (o.status_report_indication) first |= 0x20;
    if (udh) first |= 0x40;
    if (o.reply_path) first |= 0x80;
    pdu.push_back(first);
    wire::write_address(pdu, *from);
    pdu.push_back(o.pid);
    pdu.push_back(body->dcs);
    wire::write_timestamp(pdu, o.timestamp);
  });
}

}  // namespace jumbe::pdu
