// Group membership: the alert lists residents join (by SMS keyword or the API) and that a
// broadcast to a group reads. Names are kept upper-case so "lanet" and "LANET" are one group;
// numbers are E.164. Adding is idempotent: a number already in keeps its place in join order.
#include <string>

#include "ops.hpp"

namespace jumbe::store::detail {

namespace {

constexpr std::size_t kMaxGroupName = 64;

Result<std::string> checked_key(std::string_view group) {
  if (group.empty()) return fail(ErrorCode::invalid_argument, "group: name is empty");
  if (group.size() > kMaxGroupName)
    return fail(ErrorCode::invalid_argument,
                "group '" + std::string(group.substr(0, 16)) + "...': name is longer than 64");
  return group_key(group);
}

}  // namespace

std::string group_key(std::string_view group) {
  std::string key(group);
  for (char& c : key)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return key;
}

Result<int> group_add(Db& db, const std::string& group, const std::vector<std::string>& numbers,
                      Millis now) {
  auto key = checked_key(group);
  if (!key) return tl::unexpected(key.error());
  // All or nothing: a bad number refuses the whole request, so a retry after fixing it is clean.
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (!is_e164(numbers[i]))
      return fail(ErrorCode::invalid_argument, "group " + *key + ": number " +
                                                   std::to_string(i + 1) + " '" + numbers[i] +
                                                   "' is not E.164 (+254712345678)");
  }
  int added = 0;
  for (const auto& n : numbers) {
    auto q = db.query(
        "INSERT INTO group_members (grp, number, joined_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (grp, number) DO NOTHING");
    q.bind_text(1, *key).bind_text(2, n).bind(3, now);
    if (auto r = q.exec(); !r) return tl::unexpected(r.error());
    added += db.changes();
  }
  return added;
}

Result<int> group_remove(Db& db, const std::string& group, const std::string& number) {
  auto key = checked_key(group);
  if (!key) return tl::unexpected(key.error());
  if (!is_e164(number))
    return fail(ErrorCode::invalid_argument,
                "group " + *key + ": '" + number + "' is not E.164 (+254712345678)");
  auto q = db.query("DELETE FROM group_members WHERE grp = ?1 AND number = ?2");
  q.bind_text(1, *key).bind_text(2, number);
  if (auto r = q.exec(); !r) return tl::unexpected(r.error());
  return db.changes();
}

Result<std::vector<std::string>> read_group_members(Db& db, const std::string& group) {
  auto key = checked_key(group);
  if (!key) return tl::unexpected(key.error());
  auto q = db.query(
      "SELECT number FROM group_members INDEXED BY group_members_by_group WHERE grp = ? "
      "ORDER BY id");
  q.bind_text(1, *key);
  std::vector<std::string> out;
  for (;;) {
    auto r = q.step();
    if (!r) return tl::unexpected(r.error());
    if (!*r) break;
    out.push_back(q.text(0));
  }
  return out;
}

Result<std::int64_t> read_group_size(Db& db, const std::string& group) {
  auto key = checked_key(group);
  if (!key) return tl::unexpected(key.error());
  auto q = db.query(
      "SELECT count(*) FROM group_members INDEXED BY group_members_by_group "
      "WHERE grp = ?");
  q.bind_text(1, *key);
  auto r = q.step();
  if (!r) return tl::unexpected(r.error());
  return q.i64(0);
}

}  // namespace jumbe::store::detail
