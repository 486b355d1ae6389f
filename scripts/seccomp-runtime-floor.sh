#!/usr/bin/env bash
# Measure which system calls the container runtime itself needs after it loads a seccomp filter
# (runc applies the profile before it finishes setting up the process and exec's the entrypoint).
# Starts from every x86_64 call, drops one at a time, and keeps a call only when two runs in a row
# fail without it. Prints the surviving calls, one per line. Slow (a few minutes): run it when the
# engine or runc changes, and compare with Slim.Rebuild/Seccomp/RuntimeSyscalls.cs.
set -euo pipefail
image="${1:-slim-samples/busybox:latest}"
shift || true
cmd=("${@:-true}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

grep '#define __NR_' /usr/include/x86_64-linux-gnu/asm/unistd_64.h | awk '{print substr($2,6)}' >"$work/keep"
profile() {
  jq -Rn '[inputs] | {defaultAction:"SCMP_ACT_ERRNO",
    architectures:["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],
    syscalls:[{names:., action:"SCMP_ACT_ALLOW"}]}' <"$1" >"$2"
}
starts() { timeout 30 docker run --rm --security-opt "seccomp=$1" "$image" "${cmd[@]}" >/dev/null 2>&1; }

profile "$work/keep" "$work/p.json"
starts "$work/p.json" || { echo "seccomp-runtime-floor: $image ${cmd[*]} does not even start with every call allowed" >&2; exit 1; }
for call in $(cat "$work/keep"); do
  grep -vx "$call" "$work/keep" >"$work/try" || true
  profile "$work/try" "$work/p.json"
  if starts "$work/p.json" || starts "$work/p.json"; then
    cp "$work/try" "$work/keep"
  fi
done
cat "$work/keep"
