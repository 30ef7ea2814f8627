import { describe, expect, it } from 'vitest';
import { albCheckVerdict, containerCheckVerdict, matcherAccepts, measuredApp } from '../app-health.js';
import { World } from '../world.js';
import { wrongPortCommand, WRONG_PORT } from '../../support/health-mutants.js';
import { config, withChanges } from './fixtures.js';

const { app, source } = measuredApp();

describe('health checks judged against the measured app', () => {
  it('reads the matcher forms of ELBv2: one code, a list, a range', () => {
    expect(matcherAccepts('200', 200)).toBe(true);
    expect(matcherAccepts('200,202', 202)).toBe(true);
    expect(matcherAccepts('200-299', 204)).toBe(true);
    expect(matcherAccepts('204', 200)).toBe(false);
    expect(matcherAccepts('300-399', 200)).toBe(false);
  });

  it("our template's checks pass against what the image serves", () => {
    expect(albCheckVerdict(config.targetGroup, app, source).passesWhenAppRuns).toBe(true);
    const c = containerCheckVerdict(config.task.healthCheck!.command, app, source);
    expect(c.passesWhenAppRuns).toBe(true);
    expect(c.passesWhenAppStopped).toBe(false);
  });

  it('a port nothing listens on, HTTPS against plain HTTP, a matcher the answer never meets: never passes, and says why', () => {
    const port = albCheckVerdict({ ...config.targetGroup, healthCheckPort: String(WRONG_PORT) }, app, source);
    expect(port.passesWhenAppRuns).toBe(false);
    expect(port.why).toContain(`nothing listens on ${WRONG_PORT}`);
    expect(albCheckVerdict({ ...config.targetGroup, healthCheckProtocol: 'HTTPS' }, app, source).why).toContain('plain HTTP');
    expect(albCheckVerdict({ ...config.targetGroup, healthCheckMatcher: '204' }, app, source).why).toContain('never accepts');
  });

  it('a container command probing the wrong port exits non-zero in the real container', () => {
    const v = containerCheckVerdict(wrongPortCommand(config.task.healthCheck!.command, config.task.containerPort), app, source);
    expect(v.passesWhenAppRuns).toBe(false);
  });

  it('a path or a command the container tests did not measure is unknown, not guessed', () => {
    expect(() => albCheckVerdict({ ...config.targetGroup, healthCheckPath: '/never-measured' }, app, source)).toThrow(/did not measure/);
    expect(() => containerCheckVerdict(['CMD', 'true'], app, source)).toThrow(/not run inside the real image/);
    // Another template's command, never run here, is read: the health endpoint on the app's port passes
    // whatever tool asks it; another port never passes.
    expect(containerCheckVerdict(['CMD-SHELL', 'wget -q -O /dev/null http://localhost:8501/_stcore/health || exit 1'], app, source)).toMatchObject({ passesWhenAppRuns: true, passesWhenAppStopped: false });
    expect(containerCheckVerdict(['CMD-SHELL', 'curl -f http://localhost:9000/_stcore/health || exit 1'], app, source)).toMatchObject({ passesWhenAppRuns: false, why: expect.stringContaining('nothing listens') });
  });

  it("the world answers health checks in the measured time of the target group's path, unless an assumption sets it", () => {
    const measured = app.paths[config.targetGroup.healthCheckPath].maxMs;
    if (measured !== undefined) expect(new World(config).responseTimeSeconds).toBe(measured / 1000);
    expect(new World(config, { assumptions: { healthResponseSeconds: 1.5 } }).responseTimeSeconds).toBe(1.5);
  });

  it('in the world, tasks under a check that cannot pass are never healthy, and the world says why', () => {
    const w = new World(withChanges({ targetGroup: { healthCheckPort: String(WRONG_PORT) } }));
    expect(w.settle(1800)).toBe(false);
    expect(w.log.ofKind('target-state').some((e) => e.to === 'healthy')).toBe(false);
    expect(w.healthBlocker).toContain(`nothing listens on ${WRONG_PORT}`);
  });
});
