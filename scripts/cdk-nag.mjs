// Runs cdk-nag's AwsSolutions rule pack over every template of a cloud assembly Interlink wrote, the way teams run it
// in their pipelines: each template is included into a CDK stack (cloudformation-include keeps every resource's
// Metadata, where Interlink writes its justified suppressions as cdk_nag.rules_to_suppress with an id and a reason),
// the checks run as an Aspect, and every unsuppressed error is printed. Exit code 1 when any error remains, 0 otherwise.
// Needs `npm ci` (aws-cdk-lib, constructs and cdk-nag pinned in package.json). cdk-nag 2: version 3 takes suppressions
// through the CDK's Validations API only and no longer reads them from template metadata, where a template carries them.
//
//   node scripts/cdk-nag.mjs ASSEMBLY_DIR
import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cdk = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');

const assembly = process.argv[2];
if (!assembly) {
  console.error('usage: node scripts/cdk-nag.mjs ASSEMBLY_DIR');
  process.exit(2);
}

const outdir = mkdtempSync(path.join(tmpdir(), 'interlink-cdk-nag-'));
let errors = 0;
let suppressed = 0;
let warnings = 0;
try {
  const app = new cdk.App({ outdir, analyticsReporting: false });
  for (const file of readdirSync(assembly).filter(f => f.endsWith('.template.json')).sort()) {
    const stack = new cdk.Stack(app, file.slice(0, -'.template.json'.length), {
      synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });
    new CfnInclude(stack, 'Template', { templateFile: path.join(assembly, file) });
  }
  cdk.Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true, logIgnores: true }));
  const synthesized = app.synth();
  for (const stack of synthesized.stacks) {
    for (const message of stack.messages) {
      const text = String(message.entry.data);
      if (message.level === 'error') {
        errors++;
        console.log(`error ${stack.stackName}${message.id.replace(`/${stack.stackName}/Template`, '')}: ${text.split('\n')[0]}`);
      } else if (text.includes('was triggered but suppressed')) {
        suppressed++;
      } else if (message.level === 'warning') {
        warnings++;
        console.log(`warning ${stack.stackName}${message.id.replace(`/${stack.stackName}/Template`, '')}: ${text.split('\n')[0]}`);
      }
    }
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
console.log(`cdk-nag AwsSolutions: ${errors} unsuppressed error(s), ${warnings} warning(s), ${suppressed} suppressed finding(s) with a reason`);
process.exit(errors > 0 ? 1 : 0);
