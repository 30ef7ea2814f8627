import type { Source } from './types.js';

/**
 * Which evidence can show each acceptance criterion and each property. A row passes when every offline
 * source passes; the live probes confirm what they can when `--stack` is given, and they are the only
 * source of a criterion that nothing offline can show (then the row names the probe it waits for).
 *
 * The sources are named by the ids their producers report: a rule by its criterion id, a property
 * test by its property id (properties/pNN-*.test.ts), a cost verdict, a container test's or a probe's
 * evidence id, the deployment script's recorded evidence.
 */
const rule = (id: string): Source => ({ kind: 'rule', id });
const property = (id: string): Source => ({ kind: 'property', id });
const cost = (id: string): Source => ({ kind: 'cost', id });
const container = (id: string): Source => ({ kind: 'container', id });
const probe = (id: string): Source => ({ kind: 'probe', id });
const deploy = (id: string): Source => ({ kind: 'deploy', id });
/** A source that confirms: its failure fails the row, its silence does not hold the row back. */
const confirming = (s: Source): Source => ({ ...s, confirms: true });

export const TRACEABILITY: Readonly<Record<string, readonly Source[]>> = {
  // Requirement 1: the image. The Dockerfile shows intent; only the built, running container shows the rest.
  'R1.1': [rule('R1.1'), container('R1.1')],
  'R1.2': [container('R1.2')],
  'R1.3': [rule('R1.3'), container('R1.3'), probe('R1.3')],
  'R1.4': [rule('R1.4'), container('R1.4')],
  'R1.5': [container('R1.5'), probe('R1.5')],
  'R1.6': [rule('R1.6'), container('R1.6')],
  'R1.7': [rule('R1.7'), container('R1.7')],
  // Requirement 2: ECR. Tags and digests are made by the deployment script, not by the template.
  'R2.1': [rule('R2.1'), probe('R2.1')],
  'R2.2': [rule('R2.2'), property('P9'), probe('R2.2')],
  // Both tags are pushed by the deployment script; its R11.3 test shows :SHA and :latest on one digest.
  'R2.3': [deploy('R11.3')],
  'R2.4': [deploy('R2.4'), probe('R2.4')],
  'R2.5': [rule('R2.5')],
  'R2.6': [rule('R2.6')],
  // Requirement 3: the cluster and placement.
  'R3.1': [rule('R3.1')],
  'R3.2': [rule('R3.2')],
  'R3.3': [rule('R3.3')],
  'R3.4': [rule('R3.4'), probe('R3.4')],
  'R3.5': [rule('R3.5'), property('P17'), probe('R3.5')],
  // Requirement 4: the task definition.
  'R4.1': [rule('R4.1'), property('P18'), probe('R4.1')],
  'R4.2': [rule('R4.2'), property('P18'), probe('R4.2')],
  'R4.3': [rule('R4.3')],
  'R4.4': [rule('R4.4'), probe('R4.4')],
  'R4.5': [rule('R4.5')],
  'R4.6': [rule('R4.6')],
  'R4.7': [rule('R4.7')],
  // Requirement 5: the load balancer.
  'R5.1': [rule('R5.1')],
  'R5.2': [rule('R5.2'), property('P19'), probe('R5.2')],
  'R5.3': [rule('R5.3'), property('P2'), probe('R5.3')],
  'R5.4': [rule('R5.4')],
  'R5.5': [rule('R5.5'), property('P2'), probe('R5.5')],
  'R5.6': [rule('R5.6')],
  'R5.7': [rule('R5.7')],
  // Requirement 6: the service's run-time behaviour is shown on the model configured from the template.
  'R6.1': [rule('R6.1'), property('P1'), property('P12'), probe('R6.1')],
  'R6.2': [rule('R6.2'), property('P2'), property('P3'), property('P12')],
  'R6.3': [rule('R6.3'), property('P4')],
  'R6.4': [rule('R6.4'), property('P4')],
  'R6.5': [rule('R6.5'), property('P5')],
  'R6.6': [rule('R6.6')],
  'R6.7': [rule('R6.7')],
  // Requirement 7: auto scaling.
  'R7.1': [rule('R7.1'), property('P1'), property('P6'), probe('R7.1')],
  'R7.2': [rule('R7.2')],
  'R7.3': [rule('R7.3')],
  'R7.4': [rule('R7.4'), property('P7')],
  'R7.5': [rule('R7.5'), property('P7')],
  // Scaling activities exist only where the service really scales: nothing offline can show them.
  'R7.6': [probe('R7.6')],
  'R7.7': [rule('R7.7'), property('P6')],
  // Requirement 8: network.
  'R8.1': [rule('R8.1')],
  'R8.2': [rule('R8.2'), property('P8'), probe('R8.2')],
  'R8.3': [rule('R8.3')],
  'R8.4': [rule('R8.4')],
  'R8.5': [rule('R8.5')],
  // Requirement 9: monitoring. ECS and the ALB publish their metrics by themselves; the probes see them.
  'R9.1': [rule('R9.1'), probe('R9.1')],
  'R9.2': [rule('R9.2'), property('P10'), probe('R9.2')],
  'R9.3': [rule('R9.3'), probe('R9.3')],
  'R9.4': [rule('R9.4'), probe('R9.4')],
  'R9.5': [rule('R9.5'), property('P20'), probe('R9.5')],
  'R9.6': [rule('R9.6'), probe('R9.6')],
  'R9.7': [rule('R9.7'), probe('R9.7')],
  // Requirement 10: the template as a whole; the change set is the deployment script's.
  'R10.1': [rule('R10.1')],
  'R10.2': [rule('R10.2')],
  'R10.3': [rule('R10.3')],
  'R10.4': [rule('R10.4')],
  'R10.5': [rule('R10.5')],
  'R10.6': [deploy('R10.6')],
  // Requirement 11: the deployment script, exercised by its own tests (npm run test:emulated).
  'R11.1': [deploy('R11.1')],
  'R11.2': [deploy('R11.2')],
  'R11.3': [deploy('R11.3')],
  'R11.4': [deploy('R11.4')],
  'R11.5': [deploy('R11.5')],
  'R11.6': [deploy('R11.6')],
  'R11.7': [deploy('R11.7')],
  // Requirement 12: cost. The ceilings are verdicts of the cost model over the template's numbers.
  'R12.1': [cost('R12.1')],
  'R12.2': [rule('R3.2'), cost('R12.2')],
  'R12.3': [rule('R12.3'), probe('R12.3')],
  'R12.4': [rule('R12.4'), probe('R12.4')],
  'R12.5': [cost('R12.5')],
  'R12.6': [rule('R12.6')],
  'R12.7': [rule('R12.7'), cost('R12.7')],
  // The properties: each is its own test file; the static ones are confirmed by the container and the probes.
  P1: [property('P1'), probe('P1')],
  P2: [property('P2'), probe('P2')],
  P3: [property('P3')],
  P4: [property('P4')],
  P5: [property('P5')],
  P6: [property('P6')],
  P7: [property('P7')],
  P8: [property('P8'), probe('P8')],
  P9: [property('P9'), probe('P9')],
  P10: [property('P10'), probe('P10')],
  P11: [property('P11'), cost('P11')],
  P12: [property('P12')],
  // The image's own facts are measured on the built image; the property tests defer to it and confirm what they can.
  P13: [container('P13'), confirming(property('P13')), probe('P13')],
  P14: [property('P14'), container('P14'), probe('P14')],
  P15: [container('P15'), confirming(property('P15'))],
  P16: [property('P16'), probe('P16')],
  P17: [property('P17'), probe('P17')],
  P18: [property('P18'), probe('P18')],
  P19: [property('P19'), probe('P19')],
  P20: [property('P20'), probe('P20')],
};

/** How a source is named in the report. */
export function describeSource(s: Source): string {
  switch (s.kind) {
    case 'rule': return `rule ${s.id}`;
    case 'property': return `property test ${s.id} (properties/p${s.id.slice(1).padStart(2, '0')}-*.test.ts)`;
    case 'cost': return `cost verdict ${s.id}`;
    case 'container': return `container test ${s.id}`;
    case 'probe': return `live probe of ${s.id} (npm run probe -- --stack NAME)`;
    case 'deploy': return `recorded deployment test ${s.id} (npm run test:emulated)`;
  }
}

/**
 * The sources a row needs to pass: every offline one that does not merely confirm; the live probes only
 * where nothing offline can show it.
 */
export function requiredSources(sources: readonly Source[]): readonly Source[] {
  const offline = sources.filter((s) => s.kind !== 'probe' && !s.confirms);
  return offline.length > 0 ? offline : sources.filter((s) => !s.confirms);
}
