// Inbound SIM bookkeeping (see inbox.hpp). The invariant "delete only after commit" is held by
// construction: only commit() moves an entry to `committed`, and only committed entries are ever
// returned by take_deletable().
#include "jumbe/modem/inbox.hpp"

namespace jumbe::modem {

bool Inbox::on_indication(int index) {
  auto [it, inserted] = entries_.try_emplace(index);
  if (inserted) return true;
  if (it->second.phase == Phase::deleting) {
    // The modem may reuse the slot the moment our +CMGD freed it (new +CMTI before the OK).
    it->second.reindicated = true;
  }
  // Otherwise the message is still in that slot (we have not deleted it): a duplicate URC.
  return false;
}

std::optional<int> Inbox::next_to_read() {
  for (auto& [index, e] : entries_) {
    if (e.phase == Phase::to_read) {
      e.phase = Phase::reading;
      return index;
    }
  }
  return std::nullopt;
}

Inbox::Handoff Inbox::hand(int index, Entry& e, const at::StoredPdu& stored,
                           Clock::time_point now) {
  if (e.token == 0) {
    e.token = next_token_++;
    tokens_[e.token] = index;
  }
  e.phase = Phase::handed;
  e.handed_at = now;
  return Handoff{e.token, index, stored.status, stored.pdu};
}

std::optional<Inbox::Handoff> Inbox::on_read(int index, const at::StoredPdu& stored,
                                             Clock::time_point now) {
  auto it = entries_.find(index);
  if (it == entries_.end()) it = entries_.try_emplace(index).first;
  auto& e = it->second;
  if (stored.status > 1) {  // our own stored SUBMITs: not ours to hand or delete
    on_read_failed(index);
    return std::nullopt;
  }
  if (e.phase == Phase::committed || e.phase == Phase::deleting) return std::nullopt;
  if (e.phase == Phase::handed) return std::nullopt;  // commit pending; never hand twice
  return hand(index, e, stored, now);
}

void Inbox::on_read_failed(int index) {
  const auto it = entries_.find(index);
  if (it == entries_.end()) return;
  if (it->second.phase == Phase::to_read || it->second.phase == Phase::reading) {
    if (it->second.token) tokens_.erase(it->second.token);
    entries_.erase(it);
  }
}

std::vector<Inbox::Handoff> Inbox::on_listing(const std::vector<at::StoredPdu>& listed,
                                              bool complete, Clock::time_point now) {
  std::vector<Handoff> out;
  std::map<int, bool> seen;
  for (const auto& s : listed) {
    if (s.index < 0) continue;
    seen[s.index] = true;
    if (s.status > 1) continue;
    auto [it, inserted] = entries_.try_emplace(s.index);
    auto& e = it->second;
    switch (e.phase) {
      case Phase::to_read:
      case Phase::reading:
        out.push_back(hand(s.index, e, s, now));
        break;
      case Phase::handed:
        // Overdue commit (consumer restarted, store was down): offer again, same token, so a
        // late first commit still counts and the consumer can de-duplicate.
        if (now - e.handed_at >= rehand_after_) out.push_back(hand(s.index, e, s, now));
        break;
      case Phase::committed:
      case Phase::deleting:
        break;
    }
  }
  if (complete) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      const bool gone = !seen.count(it->first) && it->second.phase != Phase::deleting &&
                        it->second.phase != Phase::to_read;
      if (gone) {
        if (it->second.token) tokens_.erase(it->second.token);
        it = entries_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return out;
}

bool Inbox::commit(Token token) {
  const auto t = tokens_.find(token);
  if (t == tokens_.end()) return false;
  auto& e = entries_.at(t->second);
  if (e.phase != Phase::handed) return false;
  e.phase = Phase::committed;
  return true;
}

std::vector<int> Inbox::take_deletable() {
  std::vector<int> out;
  for (auto& [index, e] : entries_) {
    if (e.phase == Phase::committed) {
      e.phase = Phase::deleting;
      out.push_back(index);
    }
  }
  return out;
}

void Inbox::on_deleted(int index) {
  const auto it = entries_.find(index);
  if (it == entries_.end()) return;
  if (it->second.token) tokens_.erase(it->second.token);
  if (it->second.reindicated) {
    it->second = Entry{};  // a new message took the slot: read it
  } else {
    entries_.erase(it);
  }
}

void Inbox::on_delete_failed(int index) {
  const auto it = entries_.find(index);
  if (it != entries_.end() && it->second.phase == Phase::deleting)
    it->second.phase = Phase::committed;
}

void Inbox::on_reconnect() {
  for (auto& [index, e] : entries_) {
    if (e.phase == Phase::reading) e.phase = Phase::to_read;
    if (e.phase == Phase::deleting) e.phase = Phase::committed;
  }
}

bool Inbox::has_work() const {
  for (const auto& [i, e] : entries_)
    if (e.phase == Phase::to_read || e.phase == Phase::committed) return true;
  return false;
}

bool Inbox::may_delete(int index) const {
  const auto it = entries_.find(index);
  return it != entries_.end() &&
         (it->second.phase == Phase::committed || it->second.phase == Phase::deleting);
}

std::optional<Inbox::Phase> Inbox::phase(int index) const {
  const auto it = entries_.find(index);
  if (it == entries_.end()) return std::nullopt;
  return it->second.phase;
}

std::size_t Inbox::pending_commits() const {
  std::size_t n = 0;
  for (const auto& [i, e] : entries_)
    n += e.phase == Phase::handed;
  return n;
}

std::string_view to_string(Inbox::Phase p) {
  switch (p) {
    case Inbox::Phase::to_read:
      return "to-read";
    case Inbox::Phase::reading:
      return "reading";
    case Inbox::Phase::handed:
      return "handed";
    case Inbox::Phase::committed:
      return "committed";
    case Inbox::Phase::deleting:
      return "deleting";
  }
  return "?";
}

}  // namespace jumbe::modem
