#!/usr/bin/env node
// Extracts CloudFormation's update behaviour per property ("causesReplacement": yes | maybe; absent = no) for the
// resource types Interlink emits, from AWS's CloudFormation registry schemas as packaged by the AWS CDK team in
// npm @aws-cdk/aws-service-spec (Apache-2.0, db.json.gz). `interlink diff` reads the committed result offline.
//
//   node scripts/extract-update-behaviour.mjs > src/Interlink.Analysis/Diff/update-behaviour.json
//
// A test re-runs this script and compares its output with the committed file, so a package upgrade that changes
// AWS's data shows up as a failing test, not as a silent drift.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const packageDir = require.resolve('@aws-cdk/aws-service-spec/package.json').replace(/package\.json$/, '');
const pkg = JSON.parse(readFileSync(packageDir + 'package.json', 'utf8'));
const db = JSON.parse(gunzipSync(readFileSync(packageDir + 'db.json.gz')).toString('utf8'));

// Resource types Interlink's templates contain, or may contain (a test checks every type synthesized is listed).
const types = [
  'AWS::EC2::EIP', 'AWS::EC2::FlowLog', 'AWS::EC2::Instance', 'AWS::EC2::InternetGateway', 'AWS::EC2::LaunchTemplate',
  'AWS::EC2::NatGateway', 'AWS::EC2::NetworkInterface', 'AWS::EC2::PrefixList', 'AWS::EC2::Route', 'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::Subnet',
  'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::VPC', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::VPCEndpointConnectionNotification',
  'AWS::EC2::VPCEndpointService', 'AWS::EC2::VPCEndpointServicePermissions', 'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::IAM::InstanceProfile', 'AWS::IAM::Policy', 'AWS::IAM::Role',
  'AWS::Lambda::Function', 'AWS::Logs::LogGroup',
  'AWS::Route53::HostedZone', 'AWS::Route53::RecordSet',
  'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard', 'AWS::SNS::Topic', 'AWS::SNS::Subscription', 'AWS::SNS::TopicPolicy',
].sort();

const byType = new Map(db.schema.resource.entities.map(r => [r.cloudFormationType, r]));
const resources = {};
for (const type of types) {
  const resource = byType.get(type);
  if (!resource) throw new Error(`${type} is not in @aws-cdk/aws-service-spec ${pkg.version}`);
  const properties = {};
  for (const name of Object.keys(resource.properties).sort()) {
    const behaviour = resource.properties[name].causesReplacement;
    if (behaviour === 'yes' || behaviour === 'maybe') properties[name] = behaviour;
  }
  resources[type] = properties;
}

const out = {
  source: {
    package: pkg.name,
    version: pkg.version,
    license: pkg.license,
    from: "AWS CloudFormation registry schemas (createOnlyProperties → yes; conditionalCreateOnlyProperties → maybe); a property not listed updates in place",
  },
  resources,
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
