#!/bin/bash
# Checks tools/completion/jumbe.bash offline: subcommands, options and fixed values complete.
# Usage: completion_test.sh PATH/TO/jumbe.bash. Prints the failures; exit 1 on any.
source "$1"
fail=0
check() {
  local want=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _jumbe
  if [[ "${COMPREPLY[*]}" != "$want" ]]; then
    echo "[$*]: got '${COMPREPLY[*]}', want '$want'"
    fail=1
  fi
}
check "send status" jumbe s
check "--priority" jumbe send --pri
check "emergency high normal bulk" jumbe send --priority ""
check "held" jumbe queue list --state h
check "inbound" jumbe watch --kinds in
check "encode" jumbe pdu enc
check "add" jumbe groups a
check "--follow" jumbe broadcast --fo
exit $fail
