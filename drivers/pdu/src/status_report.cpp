// SMS-STATUS-REPORT (3GPP TS 23.040 9.2.2.3) decode and encode, and TP-ST meanings (9.2.3.15).
// First octet: TP-MTI 10, TP-MMS bit 2, TP-LP bit 3, TP-SRQ bit 5, TP-UDHI bit 6; then TP-MR,
// TP-RA, TP-SCTS, TP-DT, TP-ST and optionally TP-PI with TP-PID / TP-DCS / TP-UDL+UD. The
// optional part is read best effort: a report whose mandatory fields are intact is never lost
// because an SMSC appended a malformed tail.
#include "jumbe/pdu/status_report.hpp"

#include "wire.hpp"

namespace jumbe::pdu {

StatusClass status_class(std::uint8_t st) noexcept {
  if (st <= 0x1F) return StatusClass::delivered;
  if (st <= 0x3F) return StatusClass::pending;
  if (st <= 0x5F) return StatusClass::failed_permanent;
  if (st <= 0x7F) return StatusClass::failed_temporary;
  return StatusClass::reserved;
}

std::string_view status_class_name(StatusClass c) noexcept {
  switch (c) {
    case StatusClass::delivered:
      return "delivered";
    case StatusClass::pending:
      return "pending";
    case StatusClass::failed_permanent:
      return "failed";
    case StatusClass::failed_temporary:
      return "failed";
    case StatusClass::reserved:
      return "reserved";
  }
  return "reserved";
}

std::string_view status_meaning(std::uint8_t st) noexcept {
  switch (st) {
    case 0x00:
      return "short message received by the SME";
    case 0x01:
      return "forwarded by the SC to the SME, delivery not confirmed";
    case 0x02:
      return "short message replaced by the SC";
    case 0x20:
    case 0x60:
      return "congestion";
    case 0x21:
    case 0x61:
      return "SME busy";
    case 0x22:
    case 0x62:
      return "no response from SME";
    case 0x23:
    case 0x63:
      return "service rejected";
    case 0x24:
    case 0x44:
    case 0x64:
      return "quality of service not available";
    case 0x25:
    case 0x65:
      return "error in SME";
    case 0x40:
      return "remote procedure error";
    case 0x41:
      return "incompatible destination";
    case 0x42:
      return "connection rejected by SME";
    case 0x43:
      return "not obtainable";
    case 0x45:
      return "no interworking available";
    case 0x46:
      return "SM validity period expired";
    case 0x47:
      return "SM deleted by originating SME";
    case 0x48:
      return "SM deleted by SC administration";
    case 0x49:
      return "SM does not exist";
    default:
      break;
  }
  if ((st >= 0x10 && st <= 0x1F) || (st >= 0x30 && st <= 0x3F) || (st >= 0x50 && st <= 0x5F) ||
      (st >= 0x70 && st <= 0x7F)) {
    return "SC specific value";
  }
  return "reserved value";
}

namespace {

// TP-PI (9.2.3.27) and the optional parameters it announces; fills `m`, or leaves them absent.
void read_optional(wire::Reader& r, StatusReport& m, bool udhi) {
  auto pi = r.u8("TP-PI");
  if (!pi) return;
  std::uint8_t last = *pi;
  // Bit 7 set: another TP-PI octet follows (extension); the first one holds bits 0..2.
  while (last & 0x80) {
    auto more = r.u8("TP-PI");
    if (!more) return;
    last = *more;
  }
  if (*pi & 0x01) {
    auto pid = r.u8("TP-PID");
    if (!pid) return;
    m.pid = *pid;
  }
  if (*pi & 0x02) {
    auto dcs = r.u8("TP-DCS");
    if (!dcs) return;
    m.dcs = decode_dcs(*dcs);
  }
  if (*pi & 0x04) {
    auto ud = wire::read_user_data(r, udhi, m.dcs.value_or(DataCoding{}));
    if (!ud) return;
    m.text = std::move(ud->text);
    m.data = std::move(ud->data);
  }
}

}  // namespace

Result<StatusReport> decode_status_report(ByteView pdu, bool has_smsc) {
  wire::Reader r(pdu);
  StatusReport m;
  auto first = wire::read_head(r, has_smsc, 0x02, "SMS-STATUS-REPORT", m.smsc);
  if (!first) return first.error();
  m.first_octet = *first;
  m.more_messages = (*first & 0x04) == 0;
  m.status_report_qualifier = (*first & 0x20) != 0;
  auto mr = r.u8("TP-MR");
  if (!mr) return mr.error();
  m.mr = *mr;
  auto ra = wire::read_address(r, "TP-RA");
  if (!ra) return ra.error();
  m.recipient = std::move(*ra);
  auto scts = wire::read_timestamp(r, "TP-SCTS");
  if (!scts) return scts.error();
  m.timestamp = *scts;
  auto dt = wire::read_timestamp(r, "TP-DT");
  if (!dt) return dt.error();
  m.discharge_time = *dt;
  auto st = r.u8("TP-ST");
  if (!st) return st.error();
  m.status = *st;
  if (!r.at_end()) {
    StatusReport copy = m;
    read_optional(r, copy, (*first & 0x40) != 0);
    m = std::move(copy);
  }
  return m;
}

Result<EncodedPdu> encode_status_report(const StatusReportOptions& o) {
  auto ra = make_address(o.recipient);
  if (!ra) {
    Error e = ra.error();
    e.message = "recipient: " + e.message;
    return e;
  }
  auto smsc = wire::smsc_for_encode(o.smsc);
  if (!smsc) return smsc.error();
  Bytes pdu;
  wire::write_smsc(pdu, *smsc);
  const std::size_t tpdu_start = pdu.size();
  pdu.push_back(0x06);  // TP-MTI 10, TP-MMS 1 (no more messages)
  pdu.push_back(o.mr);
  wire::write_address(pdu, *ra);
  wire::write_timestamp(pdu, o.timestamp);
  wire::write_timestamp(pdu, o.discharge_time);
  pdu.push_back(o.status);
  return EncodedPdu{pdu.size() - tpdu_start, to_hex(pdu)};
}

}  // namespace jumbe::pdu
