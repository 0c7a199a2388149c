// Bookkeeping of received messages on the SIM (TS 27.005 3.4.1 +CMTI, 3.4.2 +CMGL, 3.4.3 +CMGR,
// 3.5.4 +CMGD). Contract, the one that matters: an index is offered for deletion only after the
// consumer's commit for the message read from it fired; a message is never handed twice while its
// commit is pending (unless the commit is overdue, then the next sweep offers it again with the
// same token); stored-sent/unsent entries (stat 2/3) are never touched. Pure, no I/O or clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jumbe/at/replies.hpp"

namespace jumbe::modem {

class Inbox {
 public:
  using Token = std::uint64_t;
  using Clock = std::chrono::steady_clock;

  enum class Phase { to_read, reading, handed, committed, deleting };

  struct Handoff {
    Token token = 0;
    int index = 0;
    int status = 0;   // 0 unread, 1 read (as listed)
    std::string pdu;  // hex, SMSC field first
  };

  explicit Inbox(Clock::duration rehand_after = std::chrono::minutes(10))
      : rehand_after_(rehand_after) {}

  // +CMTI / +CDSI for `index`: true when the index should be read now (+CMGR).
  bool on_indication(int index);
  // Next index to read, marking it reading (nullopt when none).
  std::optional<int> next_to_read();
  // +CMGR answered: the message to hand to the consumer (nullopt when it is not a received
  // message, stat 2/3, in which case the index is forgotten and left alone).
  std::optional<Handoff> on_read(int index, const at::StoredPdu& stored, Clock::time_point now);
  // +CMGR failed or found an empty slot: the index is forgotten (a sweep finds it again if real).
  void on_read_failed(int index);

  // A +CMGL listing. `complete`: the listing was of all messages (stat 4), so known indices not in
  // it are gone (removed by someone else, or an index that never held anything).
  std::vector<Handoff> on_listing(const std::vector<at::StoredPdu>& listed, bool complete,
                                  Clock::time_point now);

  // The consumer's commit. False for an unknown token (already committed, or the entry vanished).
  bool commit(Token token);

  // Indices whose commit fired and that are not being deleted yet; marks them deleting.
  std::vector<int> take_deletable();
  void on_deleted(int index);        // +CMGD OK
  void on_delete_failed(int index);  // back to committed, retried later

  // The port was lost or the modem reset: reads in progress restart, deletions are retried.
  void on_reconnect();

  // True when an index waits to be read or to be deleted (the inbound loop has work).
  bool has_work() const;
  bool may_delete(int index) const;
  std::optional<Phase> phase(int index) const;
  std::size_t pending_commits() const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Phase phase = Phase::to_read;
    Token token = 0;
    Clock::time_point handed_at{};
    bool reindicated = false;  // a +CMTI for this index while its deletion was in flight
  };
  Handoff hand(int index, Entry& e, const at::StoredPdu& stored, Clock::time_point now);

  std::map<int, Entry> entries_;
  std::map<Token, int> tokens_;
  Token next_token_ = 1;
  Clock::duration rehand_after_;
};

std::string_view to_string(Inbox::Phase p);

}  // namespace jumbe::modem
