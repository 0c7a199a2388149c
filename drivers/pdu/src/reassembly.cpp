// Reassembly of concatenated messages (3GPP TS 23.040 9.2.3.24.1 and .8): parts are grouped by
// sender, reference and reference size; the first copy of a part number wins; the total comes
// from the first part seen (a later part claiming a number past it is ignored). GSM 7-bit parts
// are joined as septets and UCS2 parts as bytes before decoding, so an escape or a surrogate
// pair split by the sending phone still decodes to the right character.
#include "jumbe/pdu/reassembly.hpp"

#include <map>
#include <tuple>

namespace jumbe::pdu {
namespace {

struct Group {
  Reassembled out;
  std::vector<const Deliver*> parts;  // index seq-1; nullptr while missing
};

void finish(Group& g) {
  Reassembled& r = g.out;
  r.missing.clear();
  for (std::size_t i = 0; i < g.parts.size(); ++i) {
    if (!g.parts[i]) r.missing.push_back(static_cast<std::uint8_t>(i + 1));
  }
  r.complete = r.missing.empty();
  if (!r.complete) return;
  bool all_gsm7 = true, all_ucs2 = true, all_8bit = true, any_compressed = false;
  for (const Deliver* p : g.parts) {
    all_gsm7 = all_gsm7 && p->dcs.encoding == Encoding::gsm7;
    all_ucs2 = all_ucs2 && p->dcs.encoding == Encoding::ucs2;
    all_8bit = all_8bit && p->dcs.encoding == Encoding::eight_bit;
    any_compressed = any_compressed || p->dcs.compressed;
  }
  Bytes joined;
  for (const Deliver* p : g.parts)
    joined.insert(joined.end(), p->data.begin(), p->data.end());
  if (any_compressed || all_8bit) {
    r.data = std::move(joined);
    return;
  }
  if (all_gsm7) {
    r.text = gsm7_to_utf8(joined);
  } else if (all_ucs2) {
    r.text = utf16be_to_utf8(joined);
  } else {
    std::string text;  // parts in different encodings: join the texts each decoded alone
    for (const Deliver* p : g.parts)
      text += p->text;
    r.text = std::move(text);
  }
}

}  // namespace

std::vector<Reassembled> reassemble(std::span<const Deliver> parts) {
  std::vector<Group> groups;
  std::map<std::tuple<std::string, std::uint16_t, std::uint8_t>, std::size_t> index;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Deliver& p = parts[i];
    if (!p.udh.concat) {
      Group g;
      g.out.sender = p.sender;
      g.out.first_index = i;
      g.parts.push_back(&p);
      groups.push_back(std::move(g));
      continue;
    }
    const Concat& c = *p.udh.concat;
    auto key = std::make_tuple(p.sender.value, c.ref, c.ref_bits);
    auto it = index.find(key);
    if (it == index.end()) {
      Group g;
      g.out.sender = p.sender;
      g.out.ref = c.ref;
      g.out.ref_bits = c.ref_bits;
      g.out.total = c.total;
      g.out.first_index = i;
      g.parts.assign(c.total, nullptr);
      it = index.emplace(std::move(key), groups.size()).first;
      groups.push_back(std::move(g));
    }
    Group& g = groups[it->second];
    if (c.seq >= 1 && c.seq <= g.parts.size() && !g.parts[c.seq - 1]) g.parts[c.seq - 1] = &p;
  }
  std::vector<Reassembled> out;
  out.reserve(groups.size());
  for (Group& g : groups) {
    finish(g);
    out.push_back(std::move(g.out));
  }
  return out;
}

}  // namespace jumbe::pdu
