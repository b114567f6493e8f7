#!/usr/bin/env bash
# A stand-in for the AWS CDK CLI. It records each call (stack, start/end times, arguments, AWS_PROFILE) to
# $FAKE_CDK_LOG, writes an outputs file for 'deploy' with made-up but well-formed values, and fails for the
# stack named in $FAKE_CDK_FAIL. $FAKE_CDK_ACCOUNT is the stack's account (for role ARNs). It never touches AWS.
# Interruption: with $FAKE_CDK_PIDS set, it writes "PID SLEEPPID" to $FAKE_CDK_PIDS/STACK before it waits; on SIGINT or
# SIGTERM it logs "interrupted" and exits 130, unless $FAKE_CDK_IGNORE_SIGNALS=1 (a CLI that will not stop).
set -euo pipefail
verb=$1; stack=$2
start=$(date +%s%N)
if [ "${FAKE_CDK_IGNORE_SIGNALS:-}" = 1 ]; then
  trap '' INT TERM
else
  trap 'printf "%s\t%s\t%s\t%s\tinterrupted\t%s\t\n" "$verb" "$stack" "$start" "$(date +%s%N)" "${AWS_PROFILE:-}" >> "$FAKE_CDK_LOG"; exit 130' INT TERM
fi
# In the background so the shell can run its trap at once; a non-interactive shell starts it ignoring SIGINT, so
# only a kill of the whole process group ends it early.
sleep "${FAKE_CDK_DELAY:-0.2}" &
sleeper=$!
[ -n "${FAKE_CDK_PIDS:-}" ] && echo "$$ $sleeper" > "$FAKE_CDK_PIDS/$stack"
while ! wait "$sleeper"; do
  # wait returns early (status > 128) when a signal is ignored or trapped; keep waiting for the sleep itself.
  kill -0 "$sleeper" 2>/dev/null || break
done
outputs=""; prev=""
for arg in "$@"; do
  [ "$prev" = "--outputs-file" ] && outputs=$arg
  prev=$arg
done
status=ok
if [ "${FAKE_CDK_FAIL:-}" = "$stack" ]; then status=failed; fi
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$verb" "$stack" "$start" "$(date +%s%N)" "$status" "${AWS_PROFILE:-}" "${*:3}" >> "$FAKE_CDK_LOG"
if [ "$status" = failed ]; then
  echo "❌  $stack failed: Resource handler returned message: \"simulated failure\"" >&2
  exit 1
fi
if [ "$verb" = deploy ] && [ -n "$outputs" ]; then
  id=$(printf '%s' "$stack" | md5sum | cut -c1-8)
  account=${FAKE_CDK_ACCOUNT:-123456789012}
  # Well-known outputs get well-formed values; any other output the template declares gets a placeholder (an ARN
  # for names with Arn as a word, e.g. PeeringAccepterRoleArnUsWest2), so the stand-in keeps feeding parameters when templates gain outputs.
  app=""; prev=""
  for arg in "$@"; do [ "$prev" = "--app" ] && app=$arg; prev=$arg; done
  STACK=$stack ID=$id ACCOUNT=$account TEMPLATE="$app/$stack.template.json" OUT="$outputs" node -e '
    const fs = require("fs"); const { STACK: s, ID: id, ACCOUNT: a, TEMPLATE: t, OUT: out } = process.env;
    const values = {
      VpcId: `vpc-${id}00000000f`, PrivateRouteTableIds: `rtb-${id}1,rtb-${id}2`, PeeringConnectionId: `pcx-${id}`,
      EndpointServiceName: `com.amazonaws.vpce.region.vpce-svc-${id}`, EndpointServiceId: `vpce-svc-${id}`,
      ServedAzIds: "az1,az2", EndpointId: `vpce-${id}`, EndpointDnsNames: `Z1:vpce-${id}.example`, ClientInstanceId: `i-${id}`,
      OperatorRoleArn: `arn:aws:iam::${a}:role/${s}-OperatorRole`,
    };
    const declared = fs.existsSync(t) ? Object.keys(JSON.parse(fs.readFileSync(t, "utf8")).Outputs || {}) : [];
    for (const name of declared)
      if (!(name in values)) values[name] = /Arn($|[A-Z])/.test(name) ? `arn:aws:iam::${a}:role/${s}-${name}` : `fake-${name}-${id}`;
    fs.writeFileSync(out, JSON.stringify({ [s]: values }, null, 2));
  '
fi
echo "✅  $stack"
