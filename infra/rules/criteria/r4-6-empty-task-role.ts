import { first } from '../mutate.js';
import { roleGrants, taskRole } from '../iam.js';
import { fail, pass, unknown, type Rule } from '../types.js';

/**
 * "An empty task role since the application does not require AWS API access": the containers get no
 * AWS permission. A role with no policy meets it; so does no task role at all (the containers then get
 * no credentials). Any attached policy, whatever it grants, is not empty.
 */
export const rule: Rule = {
  id: 'R4.6', title: 'The task role grants nothing: the app needs no AWS access', source: 'template',
  check: (s) => {
    const ref = taskRole(s.template, 'TaskRoleArn');
    if (ref.kind === 'none') return pass('no TaskRoleArn: the containers get no AWS credentials at all');
    if (ref.kind === 'external') return unknown(`the task role's policies are not in the template: ${ref.why}`);
    const g = roleGrants(s.template, ref.id);
    return g.attached.length === 0 ? pass(`task role ${ref.id} has no policy`) : fail(`task role ${ref.id} has ${g.attached.join(', ')}`, ref.id);
  },
  mutants: [{
    description: 'task role given s3:GetObject',
    template: (t) => {
      const td = first(t, 'AWS::ECS::TaskDefinition').Properties;
      const roleId = td.TaskRoleArn['Fn::GetAtt'][0];
      t.Resources[roleId].Properties!.Policies = [{ PolicyName: 'x', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }];
    },
  }],
};
