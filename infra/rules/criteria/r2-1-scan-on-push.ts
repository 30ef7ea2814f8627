import { setProp } from '../mutate.js';
import { isOutcome, registryScansOnPush, repositoryOr } from '../ecr.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R2.1', title: 'ECR scans every pushed image for CVEs (scan on push)', source: 'template',
  check: (s) => {
    const ecr = repositoryOr(s);
    if (isOutcome(ecr)) return ecr;
    if (ecr.scanOnPush) return pass(`${ecr.id} ImageScanningConfiguration.ScanOnPush = true`);
    const registry = registryScansOnPush(s, ecr.id);
    return registry ? pass(registry) : fail('scan on push is not enabled (ImageScanningConfiguration.ScanOnPush is false or absent, and no registry scanning rule covers the repository)', ecr.id);
  },
  mutants: [{ description: 'ScanOnPush false', template: (t) => setProp(t, 'AWS::ECR::Repository', 'ImageScanningConfiguration.ScanOnPush', false) }],
};
