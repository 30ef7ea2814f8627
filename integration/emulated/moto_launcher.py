"""Starts moto in server mode on 127.0.0.1 with four narrow fixes of emulator gaps.

Each fix makes moto do what CloudFormation documents, so that the project's unchanged template and
the unchanged deploy path (a change set, then its execution) work against the emulator. Nothing else
is changed; every fix is listed in the README ("The emulator's gaps").

Usage: python moto_launcher.py PORT
"""
import sys

from moto.cloudformation import models as cfn_models
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudformation import parsing as cfn_parsing
from moto.ecs import models as ecs_models
from moto.elbv2 import models as elbv2_models
from moto.server import main

# 1. CloudFormation lower-cases the names it generates for ECR repositories (ECR accepts only lower
#    case); moto keeps the logical id's capitals and its own ECR then rejects the name.
_generate = cfn_parsing.generate_resource_name


def _generate_resource_name(resource_type: str, stack_name: str, logical_id: str) -> str:
    name = _generate(resource_type, stack_name, logical_id)
    return name.lower() if resource_type == "AWS::ECR::Repository" else name


cfn_parsing.generate_resource_name = _generate_resource_name

# 2. A target group's TargetGroupFullName attribute (used by the alarms' and dashboard's dimensions)
#    is not implemented by moto; CloudFormation returns the ARN's resource part, targetgroup/NAME/ID.
def _target_group_attribute(self, attribute_name: str):
    if attribute_name == "TargetGroupFullName":
        return self.arn.split(":", 5)[5]
    if attribute_name == "TargetGroupName":
        return self.name
    if attribute_name == "TargetGroupArn":
        return self.arn
    raise UnformattedGetAttTemplateException()


elbv2_models.FakeTargetGroup.get_cfn_attribute = _target_group_attribute

# 3. After ExecuteChangeSet of a CREATE change set, moto keeps the outputs of the empty stack it made
#    at CreateChangeSet, so DescribeStacks shows no Outputs. Rebuild them from the executed template.
_execute = cfn_models.CloudFormationBackend.execute_change_set


def _execute_change_set(self, change_set_name, stack_name=None):
    _execute(self, change_set_name, stack_name)
    for stack in self.stacks.values():
        if stack.template:
            stack._parse_template()
            stack.output_map = stack._create_output_map()


cfn_models.CloudFormationBackend.execute_change_set = _execute_change_set

# 4. On a stack update, moto registers the new task definition revision with the template's PascalCase
#    container keys (Image, User, ...) where its create path converts them to the API's camelCase, so the
#    updated revision has no image. Convert them the same way on update.
_update_task_definition = ecs_models.TaskDefinition.update_from_cloudformation_json.__func__


def _update_task_definition_camel(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    properties = cloudformation_json["Properties"]
    properties["ContainerDefinitions"] = ecs_models.remap_nested_keys(
        properties.get("ContainerDefinitions", []), ecs_models.pascal_to_camelcase
    )
    return _update_task_definition(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)


ecs_models.TaskDefinition.update_from_cloudformation_json = classmethod(_update_task_definition_camel)

if __name__ == "__main__":
    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
