import type { Found } from '../template/index.js';
import type { RuleSubject } from './types.js';

/** One direction of step scaling: the policy, its cooldown and the alarm that triggers it. */
export interface StepSide {
  readonly policyId: string;
  readonly cooldownSeconds: number;
  readonly alarm?: { readonly id: string; readonly metric: string; readonly threshold: number; readonly operator: string; readonly seconds: number };
}

/**
 * How the service scales, in either form Application Auto Scaling offers: target tracking (a target
 * value, cooldowns) or step scaling (CloudWatch alarms "CPU above 70 % for 60 s" driving step
 * policies, each with its cooldown). `kind: 'none'` when no scalable target governs the service's
 * desired count.
 */
export type Scaling =
  | { readonly kind: 'none' }
  | { readonly kind: 'target'; readonly min: number; readonly max: number; readonly policyId: string | undefined; readonly metric: string; readonly targetValue: number; readonly scaleOutCooldownSeconds: number; readonly scaleInCooldownSeconds: number; readonly disableScaleIn: boolean }
  | { readonly kind: 'step'; readonly min: number; readonly max: number; readonly out: StepSide | undefined; readonly in: StepSide | undefined };

/** Application Auto Scaling's default cooldown for ECS services, in each direction. */
const DEFAULT_COOLDOWN = 300;

export function scalingOf(s: RuleSubject): Scaling {
  const t = s.template;
  const sc = s.config().scaling;
  if (!sc) return { kind: 'none' };
  const target = t.ofType('AWS::ApplicationAutoScaling::ScalableTarget').find((x) => t.known(x, 'ScalableDimension') === 'ecs:service:DesiredCount')!;
  // A policy names its target by ScalingTargetId, or by ResourceId + ScalableDimension + ServiceNamespace.
  const policies = t.ofType('AWS::ApplicationAutoScaling::ScalingPolicy').filter((p) => p.props.ScalingTargetId !== undefined
    ? t.refersTo(p.props.ScalingTargetId) === target.id
    : t.known(p, 'ScalableDimension') === 'ecs:service:DesiredCount');
  const tracking = policies.find((p) => t.known(p, 'PolicyType') === 'TargetTrackingScaling');
  const steps = policies.filter((p) => t.known(p, 'PolicyType') === 'StepScaling');
  if (tracking || steps.length === 0) {
    const cfg = tracking ? t.known(tracking, 'TargetTrackingScalingPolicyConfiguration') ?? {} : {};
    const custom = cfg.CustomizedMetricSpecification;
    const metric = cfg.PredefinedMetricSpecification?.PredefinedMetricType
      ?? (custom && String(custom.Namespace) === 'AWS/ECS' && String(custom.Statistic ?? 'Average') === 'Average' && custom.MetricName === 'CPUUtilization' ? 'ECSServiceAverageCPUUtilization' : custom?.MetricName) ?? '';
    return {
      kind: 'target', min: sc.minCapacity, max: sc.maxCapacity, policyId: tracking?.id, metric: String(metric), targetValue: Number(cfg.TargetValue ?? NaN),
      scaleOutCooldownSeconds: Number(cfg.ScaleOutCooldown ?? DEFAULT_COOLDOWN), scaleInCooldownSeconds: Number(cfg.ScaleInCooldown ?? DEFAULT_COOLDOWN),
      disableScaleIn: cfg.DisableScaleIn === true || cfg.DisableScaleIn === 'true',
    };
  }
  const side = (p: Found): StepSide => {
    const cfg = t.known(p, 'StepScalingPolicyConfiguration') ?? {};
    const alarm = t.ofType('AWS::CloudWatch::Alarm').find((a) => (t.known(a, 'AlarmActions') ?? []).some((x: unknown) => t.refersTo(x) === p.id));
    const periods = alarm ? Number(t.known(alarm, 'DatapointsToAlarm') ?? t.known(alarm, 'EvaluationPeriods') ?? 1) : 0;
    return {
      policyId: p.id, cooldownSeconds: Number(cfg.Cooldown ?? DEFAULT_COOLDOWN),
      alarm: alarm && {
        id: alarm.id, metric: String(t.known(alarm, 'MetricName') ?? ''), threshold: Number(t.known(alarm, 'Threshold')),
        operator: String(t.known(alarm, 'ComparisonOperator') ?? ''), seconds: Number(t.known(alarm, 'Period') ?? 60) * periods,
      },
    };
  };
  const direction = (p: Found) => {
    const adjustments: any[] = t.known(p, 'StepScalingPolicyConfiguration.StepAdjustments') ?? [];
    return Math.sign(adjustments.reduce((sum, a) => sum + Number(a?.ScalingAdjustment ?? 0), 0));
  };
  const out = steps.find((p) => direction(p) > 0);
  const inward = steps.find((p) => direction(p) < 0);
  return { kind: 'step', min: sc.minCapacity, max: sc.maxCapacity, out: out && side(out), in: inward && side(inward) };
}

export const NO_SCALING = 'no scalable target for ecs:service:DesiredCount';
