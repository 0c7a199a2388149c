# bash completion for `jumbe`, the jumbe SMS/USSD gateway CLI. Installed as
# share/bash-completion/completions/jumbe (tools/cli/CMakeLists.txt); to try it from a checkout:
#   source tools/completion/jumbe.bash
# Completes subcommands, their options and fixed values (priorities, states, event kinds), and
# modem and group names by asking the daemon (`jumbe modems --json`, `jumbe groups --json`) when
# it answers within a second; with no daemon those simply do not complete.

_jumbe_daemon_names() {
  # $1: modems|groups. The socket options already typed are passed on so the same daemon answers.
  local what=$1 args=() i
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    case ${COMP_WORDS[i]} in
      --socket | --config) args+=("${COMP_WORDS[i]}" "${COMP_WORDS[i + 1]}") ;;
    esac
  done
  timeout 1 jumbe "$what" --json "${args[@]}" 2>/dev/null |
    grep -o '"name":"[^"]*"' | sed 's/^"name":"//; s/"$//'
}

_jumbe() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="send broadcast status modems inbox watch ussd queue groups pdu"
  local common="--socket --config --json --help"
  local cmd="" sub="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      -*) ;;
      *)
        if [[ -z $cmd ]]; then
          cmd=${words[i]}
        elif [[ -z $sub && $cmd =~ ^(queue|groups|pdu)$ ]]; then
          sub=${words[i]}
        fi
        ;;
    esac
  done

  # Values of options.
  case $prev in
    --socket) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --config) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -o plusdirs -- "$cur")); return ;;
    --priority) COMPREPLY=($(compgen -W "emergency high normal bulk" -- "$cur")); return ;;
    --state) COMPREPLY=($(compgen -W "queued held sending" -- "$cur")); return ;;
    --kinds) COMPREPLY=($(compgen -W "inbound state delivery modem ussd broadcast" -- "$cur")); return ;;
    --modem) COMPREPLY=($(compgen -W "$(_jumbe_daemon_names modems)" -- "$cur")); return ;;
    --group) COMPREPLY=($(compgen -W "$(_jumbe_daemon_names groups)" -- "$cur")); return ;;
    --mode) COMPREPLY=($(compgen -W "packed-hex ucs2-hex text" -- "$cur")); return ;;
    --to | --text | --valid-for | --not-before | --client-ref | --idempotency-key | --timeout | \
      --since | --limit | --after | --input | --name)
      return ;;
  esac

  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi

  local opts=""
  case $cmd in
    send) opts="--to --text --priority --valid-for --not-before --no-report --client-ref --idempotency-key --modem --wait --wait=delivered --timeout $common" ;;
    broadcast) opts="--group --to --text --name --priority --valid-for --idempotency-key --no-report --follow $common" ;;
    status) opts=$common ;;
    modems)
      opts=$common
      [[ $cur != -* ]] && { COMPREPLY=($(compgen -W "$(_jumbe_daemon_names modems)" -- "$cur")); return; }
      ;;
    inbox) opts="--since --limit --ack $common" ;;
    watch) opts="--kinds --since $common" ;;
    ussd) opts="--modem --input $common" ;;
    queue)
      if [[ -z $sub ]]; then
        COMPREPLY=($(compgen -W "list show cancel release --state --limit --after $common" -- "$cur"))
        return
      fi
      opts=$common
      [[ $sub == list ]] && opts="--state --limit --after $common"
      ;;
    groups)
      if [[ -z $sub ]]; then
        COMPREPLY=($(compgen -W "list add remove $common" -- "$cur"))
        return
      fi
      opts=$common
      if [[ $sub =~ ^(add|remove)$ && $cur != -* && ${words[cword - 1]} == "$sub" ]]; then
        COMPREPLY=($(compgen -W "$(_jumbe_daemon_names groups)" -- "$cur"))
        return
      fi
      ;;
    pdu)
      if [[ -z $sub ]]; then
        COMPREPLY=($(compgen -W "count encode decode reassemble ussd-decode ussd-encode cusd --help" -- "$cur"))
        return
      fi
      case $sub in
        count) opts="--text" ;;
        encode) opts="--to --text --smsc --srr --validity --ref16 --ref --class" ;;
        decode | reassemble) opts="--no-smsc" ;;
        ussd-decode) opts="--dcs --mode --payload" ;;
        ussd-encode) opts="--mode --text" ;;
        cusd) opts="--mode --line" ;;
      esac
      opts="$opts --help"
      ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}

complete -F _jumbe jumbe
