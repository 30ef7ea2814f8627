import { setProp } from '../mutate.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R2.1', title: 'ECR scans every pushed image for CVEs (scan on push)', source: 'template',
  check: (s) => {
    const ecr = s.config().ecr;
    if (!ecr) return fail('the template has no AWS::ECR::Repository');
    return ecr.scanOnPush ? pass(`${ecr.id} ImageScanningConfiguration.ScanOnPush = true`) : fail('scan on push is not enabled', ecr.id);
  },
  mutants: [{ description: 'ScanOnPush false', template: (t) => setProp(t, 'AWS::ECR::Repository', 'ImageScanningConfiguration.ScanOnPush', false) }],
};
