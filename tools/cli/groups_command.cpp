// `jumbe groups`: the broadcast groups (GET /v1/groups) and their membership (POST
// /v1/groups/{name}/members, DELETE /v1/groups/{name}/members/{number}; admin). Groups themselves
// are declared in the daemon's config (services.groups); membership lives in the store.
// Contract: `jumbe groups` alone lists; remove takes several numbers and stops at the first error.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "daemon.hpp"
#include "exit_codes.hpp"
#include "jumbe/cli/table.hpp"

namespace jumbe::cli {
namespace {

struct GroupsOptions {
  DaemonOptions daemon;
  std::string name;
  std::vector<std::string> numbers;
};

int run_list(const GroupsOptions& o) {
  auto d = Daemon::open(o.daemon, "groups");
  if (!d) return d.error();
  auto r = d->call("GET", "/v1/groups");
  if (!r) return r.error();
  if (o.daemon.json) {
    print_json_line(*r);
    return exit_ok;
  }
  Table t;
  t.headers = {"NAME", "MEMBERS", "OPEN", "DESCRIPTION"};
  t.right_aligned = {1};
  t.flex = 3;
  if (r->contains("groups") && (*r)["groups"].is_array())
    for (const auto& g : (*r)["groups"])
      t.rows.push_back({str(g, "name"), std::to_string(num(g, "members")), str(g, "open"),
                        str(g, "description")});
  if (t.rows.empty()) {
    std::cout << "no groups (declare them under services.groups in the daemon's config)\n";
    return exit_ok;
  }
  std::cout << render_table(t, terminal_width());
  return exit_ok;
}

int run_add(const GroupsOptions& o) {
  auto d = Daemon::open(o.daemon, "groups add");
  if (!d) return d.error();
  auto r = d->call("POST", "/v1/groups/" + percent_encode(o.name) + "/members",
                   nlohmann::json{{"numbers", o.numbers}});
  if (!r) return r.error();
  if (o.daemon.json)
    print_json_line(*r);
  else
    std::cout << "added " << num(*r, "added") << " of " << o.numbers.size() << " to " << o.name
              << (num(*r, "added") < static_cast<std::int64_t>(o.numbers.size())
                      ? " (the others were members already)"
                      : "")
              << "\n";
  return exit_ok;
}

int run_remove(const GroupsOptions& o) {
  auto d = Daemon::open(o.daemon, "groups remove");
  if (!d) return d.error();
  for (const auto& n : o.numbers) {
    auto r =
        d->call("DELETE", "/v1/groups/" + percent_encode(o.name) + "/members/" + percent_encode(n));
    if (!r) return r.error();
    if (o.daemon.json)
      print_json_line(*r);
    else
      std::cout << "removed " << n << " from " << o.name << "\n";
  }
  return exit_ok;
}

}  // namespace

void add_groups_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<GroupsOptions>();
  CLI::App* groups = app.add_subcommand("groups", "Broadcast groups and their members");
  groups->description(
      "Broadcast groups (declared in the daemon's config) and their members. Without a\n"
      "subcommand: list them.\n\n"
      "Examples:\n"
      "  jumbe groups\n"
      "  jumbe groups add LANET 0712345678 0733000111\n"
      "  jumbe groups remove LANET 0712345678");
  groups->require_subcommand(0, 1);
  add_daemon_options(groups, o->daemon);

  CLI::App* list = groups->add_subcommand("list", "Each group with its member count");
  add_daemon_options(list, o->daemon);
  list->callback([o, &exit_code] { exit_code = run_list(*o); });

  CLI::App* add = groups->add_subcommand("add", "Add numbers to a group (admin)");
  add->add_option("name", o->name, "Group name")->required();
  add->add_option("numbers", o->numbers, "Numbers to add")->required()->type_name("NUMBER...");
  add_daemon_options(add, o->daemon);
  add->callback([o, &exit_code] { exit_code = run_add(*o); });

  CLI::App* remove = groups->add_subcommand("remove", "Remove numbers from a group (admin)");
  remove->add_option("name", o->name, "Group name")->required();
  remove->add_option("numbers", o->numbers, "Numbers to remove")
      ->required()
      ->type_name("NUMBER...");
  add_daemon_options(remove, o->daemon);
  remove->callback([o, &exit_code] { exit_code = run_remove(*o); });

  groups->callback([o, groups, &exit_code] {
    if (groups->get_subcommands().empty()) exit_code = run_list(*o);
  });
}

}  // namespace jumbe::cli
