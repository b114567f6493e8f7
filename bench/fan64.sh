# Sourced by bench scripts: `generate relay|native [CONSUMERS]` prints the fan-out config (CONSUMERS, default 64,
# spread over up to 16 Regions, accounts varying; one provider in us-east-1; relay mode adds a relay per consumer Region).
# Region, its AZ IDs (two, both serving cross-Region PrivateLink).
regions=(
  "us-east-2 use2-az1 use2-az2" "us-west-1 usw1-az1 usw1-az3" "us-west-2 usw2-az1 usw2-az2" "ca-central-1 cac1-az1 cac1-az2"
  "eu-west-1 euw1-az1 euw1-az2" "eu-west-2 euw2-az1 euw2-az2" "eu-west-3 euw3-az1 euw3-az2" "eu-central-1 euc1-az1 euc1-az2"
  "eu-north-1 eun1-az1 eun1-az2" "ap-southeast-1 apse1-az1 apse1-az2" "ap-southeast-2 apse2-az1 apse2-az2" "ap-northeast-1 apne1-az1 apne1-az2"
  "ap-northeast-2 apne2-az1 apne2-az3" "ap-south-1 aps1-az1 aps1-az2" "sa-east-1 sae1-az1 sae1-az2" "ap-northeast-3 apne3-az1 apne3-az2"
)

generate() { # mode [consumers]
  local mode=$1 consumers=${2:-64} i=0
  local used=$(( consumers < 16 ? consumers : 16 ))
  cat <<YAML
name: fan64
mode: $mode
service: { port: 443, targetPort: 8080, healthCheck: { protocol: http, path: /health } }
provider:
  account: "111111111111"
  region: us-east-1
  vpc: { cidr: 10.10.0.0/16, azs: [use1-az1, use1-az2], natGateways: 1 }
  targets: { instances: 2 }
YAML
  if [ "$mode" = relay ]; then
    echo "relays:"
    for entry in "${regions[@]:0:$used}"; do
      set -- $entry
      echo "  - { region: $1, account: \"2000000000$(printf %02d $i)\", vpc: { cidr: 10.$((100 + i)).0.0/16, azs: [$2, $3] } }"
      i=$((i + 1))
    done
  fi
  echo "consumers:"
  for c in $(seq 0 $((consumers - 1))); do
    set -- ${regions[$((c % 16))]}
    echo "  - { name: c$c, account: \"3000000000$(printf %02d $((c % 8)))\", region: $1, vpc: { cidr: 172.16.0.0/16, azs: [$2, $3] }$([ $((c % 16)) -eq 0 ] && echo ', client: true') }"
  done
}

