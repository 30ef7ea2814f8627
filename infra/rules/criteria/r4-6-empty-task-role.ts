import { first } from '../mutate.js';
import { roleActions, taskRoleId } from '../iam.js';
import { fail, pass, type Rule } from '../types.js';

export const rule: Rule = {
  id: 'R4.6', title: 'The task role grants nothing: the app needs no AWS access', source: 'template',
  check: (s) => {
    const id = taskRoleId(s.template, 'TaskRoleArn');
    if (!id) return fail('the task definition has no TaskRoleArn naming a role of the template');
    const actions = roleActions(s.template, id);
    return actions.size === 0 ? pass(`${id} has no policy`) : fail(`task role ${id} grants ${[...actions].join(', ')}`, id);
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
