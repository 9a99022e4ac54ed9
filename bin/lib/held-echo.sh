# Used by bin/chat: keeps a secret typed while the JVM starts from being shown.
#
# Until the client has started and turned the terminal's echo off itself (about a second), the
# terminal is in its normal mode and echoes every key: a passphrase typed before its prompt
# appeared stood in clear above the prompt. So for a command whose first read from the terminal is
# a secret, and only then, bin/chat turns the echo off before it starts java (hold_echo) and puts
# the terminal's settings back, exactly as they were, when java ends. The client turns the echo on
# again itself as soon as it has the secret (CHAT_ECHO_HELD tells it the echo is held).

# secret_first ARGS...: whether `chat ARGS` asks for a secret on the terminal before it reads
# anything else typed there, so that what is typed while it starts is that secret: a command that
# logs in to the relay (or opens the key file with --in) when the key passphrase is given neither
# in CHAT_PASSPHRASE nor with --passphrase-file, or that asks for the account password first when
# that is given neither in CHAT_PASSWORD nor with --password-file; the interactive client only with
# a user to log in as (-u, --user, CHAT_USER). Never for help, a version, a command that reads the
# message or script you type (seal and open without --in, run -), or one that asks nothing (logout,
# fingerprint, safety-number, keys show and export, identity show and export).
secret_first() {
  local arg want="" user="${CHAT_USER:-}" in="" passphrase="${CHAT_PASSPHRASE:-}"
  local password="${CHAT_PASSWORD:-}" words=()
  for arg in "$@"; do
    if [[ -n "$want" ]]; then
      case "$want" in
        user) user="$arg" ;;
        in) in=1 ;;
        passphrase) passphrase=1 ;;
        password) password=1 ;;
      esac
      want=""
      continue
    fi
    case "$arg" in
      --) break ;;
      -h | --help | -V | --version) return 1 ;;
      -u | --user) want=user ;;
      --user=*) user="${arg#--user=}" ;;
      -u?*) user="${arg#-u}" ;;
      --in) want=in ;;
      --in=*) in=1 ;;
      --passphrase-file) want=passphrase ;;
      --passphrase-file=*) passphrase=1 ;;
      --password-file) want=password ;;
      --password-file=*) password=1 ;;
      --server | --home | --download-dir | --to | --from | --out | --conversation) want=value ;;
      -?*) ;;
      *) words+=("$arg") ;;
    esac
  done
  # Commands that ask for the password first (register and login always, the others unless
  # they resume a stored session, which they cannot know here).
  if [[ -z "$password" ]]; then
    case "${words[0]:-} ${words[1]:-}" in
      "register "* | "login "* | "passwd "* | "keys replace" | "keys passwd") return 0 ;;
    esac
  fi
  [[ -z "$passphrase" ]] || return 1
  case "${words[0]:-}" in
    "") [[ -n "$user" ]] ;;
    register | login | passwd | sessions | send | pm | msg | history | listen | rooms | members | \
      who | join | leave | group | friend | friends | file | files) return 0 ;;
    keys) [[ ! "${words[1]:-}" =~ ^(show|export)$ ]] ;;
    identity) [[ "${words[1]:-}" =~ ^(new|passwd)$ ]] ;;
    seal | open) [[ -n "$in" ]] ;;
    run) [[ "${words[1]:-}" != - ]] ;;
    *) return 1 ;;
  esac
}

# hold_echo: turns off the echo of the terminal on stdin, if stdin is a terminal whose echo is on
# and this shell runs in its foreground (a background job changing the terminal would be stopped),
# and exports CHAT_ECHO_HELD=1. From then on this shell puts the terminal's settings back exactly
# as they were (stty -g) when it exits, whatever way; only a SIGKILL of this shell skips that. Java
# is then to be started with run_held, so that a signal sent to this shell ends the client at once
# (held_echo_signal). Returns 1, changing nothing, where there is no such terminal. Two stty runs
# and no other process: keys typed before the echo is off are still shown, so it must be quick.
hold_echo() {
  local settings signal
  [[ -t 0 ]] && in_foreground || return 1
  settings="$(stty -g 2>/dev/null)" && echo_on "$settings" || return 1
  held_echo_settings="$settings"
  held_echo_child=""
  trap 'stty "$held_echo_settings" 2>/dev/null || true' EXIT
  for signal in INT QUIT HUP TERM; do
    # shellcheck disable=SC2064 # the signal's name is put in now
    trap "held_echo_signal $signal" "$signal"
  done
  if ! stty -echo 2>/dev/null; then
    trap - EXIT INT QUIT HUP TERM
    return 1
  fi
  export CHAT_ECHO_HELD=1
}

# run_held COMMAND ARGS...: runs COMMAND (java) while the echo is held, and returns its exit status.
# COMMAND is a child this shell waits for with `wait`, which a trapped signal interrupts, rather
# than a foreground command, whose end bash awaits before it runs any trap: a SIGTERM sent to this
# shell would then have waited for the client to end on its own. It stays in this shell's process
# group, the terminal's foreground one, so it reads the terminal and gets Ctrl-C as before; an
# asynchronous command's stdin would be /dev/null and its Ctrl-C and Ctrl-\ ignored unless told
# otherwise, as here. Bash's own "Killed" line for a COMMAND killed is left out.
run_held() {
  local status signalled=""
  held_echo_child=starting
  (
    trap - INT QUIT
    exec "$@"
  ) <&0 &
  held_echo_child=$!
  if [[ -n "${held_echo_pending:-}" ]]; then
    held_echo_signal "$held_echo_pending"
  fi
  while :; do
    held_echo_interrupted=""
    status=0
    wait "$held_echo_child" 2>/dev/null || status=$?
    [[ -n "$held_echo_interrupted" ]] || break
    signalled=$status # 128 plus the signal that interrupted the wait
  done
  held_echo_child=""
  # A Ctrl-C reaches java and this shell at once; when java ended of it while the trap ran, bash's
  # next wait may answer -1 instead of java's status: the signal's status stands in for it.
  if ((status < 0)) && [[ -n "$signalled" ]]; then
    status=$signalled
  fi
  return "$status"
}

# held_echo_signal SIGNAL: what this shell does on SIGNAL while it holds the echo. Before java starts
# (and after it ended) it exits with 128 plus the signal's number, the terminal put back. While java
# runs, a SIGTERM or SIGHUP is passed on to it, and this shell goes on waiting for it: the client's
# own clean-up (it turns the echo on) then comes before the terminal is put back, and the exit code
# is the client's (143 or 129 when the signal ends it; 0 for chat listen, which stops cleanly). The
# terminal's Ctrl-C and Ctrl-\ reach java themselves.
held_echo_signal() {
  local signal="$1"
  held_echo_interrupted=1
  case "$held_echo_child" in
    "") exit $((128 + $(kill -l "$signal"))) ;;
    starting) held_echo_pending="$signal" ;; # between the fork and knowing java's pid
    *)
      if [[ "$signal" == HUP || "$signal" == TERM ]]; then
        kill -s "$signal" "$held_echo_child" 2>/dev/null || true
      fi
      ;;
  esac
}

# in_foreground: whether this shell's process group is its terminal's foreground one; read from
# /proc on Linux (no process started), from ps elsewhere.
in_foreground() {
  local stat pgid tpgid
  if [[ -r "/proc/$$/stat" ]]; then
    read -r stat <"/proc/$$/stat" || return 1
    # after "PID (NAME) ": state, parent, process group, session, terminal, its foreground group
    read -r _ _ pgid _ _ tpgid _ <<<"${stat##*) }"
  else
    read -r pgid tpgid < <(ps -o pgid= -o tpgid= -p "$$" 2>/dev/null) || return 1
  fi
  [[ -n "$pgid" && "$pgid" == "$tpgid" ]]
}

# echo_on SETTINGS: whether the terminal whose stty -g output is SETTINGS echoes; read from the
# local flags in GNU stty's form (ECHO is 010), from stty -a elsewhere.
echo_on() {
  if [[ "$1" =~ ^[[:xdigit:]]+:[[:xdigit:]]+:[[:xdigit:]]+:([[:xdigit:]]+): ]]; then
    ((16#${BASH_REMATCH[1]} & 8))
  else
    [[ " $(stty -a 2>/dev/null) " =~ [[:space:]]echo[[:space:]] ]]
  fi
}
