// The same topology as a plain JavaScript CDK app: reads an assembly that 'interlink synth' wrote and
// rebuilds every stack (same names, accounts, Regions, synthesizer settings) with every resource,
// parameter and output as L1 CfnResource/CfnParameter/CfnOutput. Synth time is then jsii-free.
// Usage: node app.js ASSEMBLY_DIR OUT_DIR
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');

const [assembly, outdir] = process.argv.slice(2);
const wiring = JSON.parse(fs.readFileSync(path.join(assembly, 'interlink.wiring.json'), 'utf8'));
const app = new cdk.App({ outdir, analyticsReporting: false });
for (const [name, stack] of Object.entries(wiring.stacks)) {
  const template = JSON.parse(fs.readFileSync(path.join(assembly, stack.template), 'utf8'));
  const s = new cdk.Stack(app, name, {
    stackName: name,
    env: { account: stack.account ?? undefined, region: stack.region },
    synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  for (const [id, p] of Object.entries(template.Parameters ?? {})) new cdk.CfnParameter(s, id, { type: p.Type, description: p.Description });
  for (const [id, r] of Object.entries(template.Resources ?? {})) new cdk.CfnResource(s, id, { type: r.Type, properties: r.Properties });
  for (const [id, o] of Object.entries(template.Outputs ?? {})) new cdk.CfnOutput(s, id, { value: JSON.stringify(o.Value) });
}
app.synth();
