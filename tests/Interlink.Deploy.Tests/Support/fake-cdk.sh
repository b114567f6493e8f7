#!/usr/bin/env bash
# A stand-in for the AWS CDK CLI. It records each call (stack, start/end times, arguments, AWS_PROFILE) to
# $FAKE_CDK_LOG, writes an outputs file for 'deploy' with made-up but well-formed values, and fails for the
# stack named in $FAKE_CDK_FAIL. It never touches AWS.
set -euo pipefail
verb=$1; stack=$2
start=$(date +%s%N)
sleep "${FAKE_CDK_DELAY:-0.2}"
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
  cat > "$outputs" <<JSON
{ "$stack": {
  "VpcId": "vpc-${id}00000000f",
  "PrivateRouteTableIds": "rtb-${id}1,rtb-${id}2",
  "PeeringConnectionId": "pcx-${id}",
  "EndpointServiceName": "com.amazonaws.vpce.region.vpce-svc-${id}",
  "EndpointServiceId": "vpce-svc-${id}",
  "ServedAzIds": "az1,az2",
  "EndpointId": "vpce-${id}",
  "EndpointDnsNames": "Z1:vpce-${id}.example",
  "ClientInstanceId": "i-${id}",
  "PeeringAccepterRoleArnUsWest2": "arn:aws:iam::111111111111:role/accepter-${id}",
  "OperatorRoleArn": "arn:aws:iam::111111111111:role/operator-${id}"
} }
JSON
fi
echo "✅  $stack"
