import { describe, expect, it } from 'vitest';
import { deploymentConfig, loadTemplate, type DeploymentConfig } from '../../infra/template/index.js';
import { haproxyConfig, twinSettings } from './haproxy-config.js';

/**
 * The twin's proxy configuration follows the template: the same numbers come out of the template and go
 * into HAProxy, and a changed template changes the proxy (so the twin cannot keep testing stale values).
 */

const config = deploymentConfig(loadTemplate());
const ports = { http: 18080, https: 18443 };
const files = { pemPath: '/tmp/x.pem', statsSocket: '/tmp/x.sock' };
const targets = [{ name: 'task-a', host: '127.0.0.1', port: 30001 }, { name: 'task-b', host: '127.0.0.1', port: 30002 }];

function cfg(c: DeploymentConfig, scale = 1): string {
  return haproxyConfig(twinSettings(c, ports, scale), ports, targets, files);
}

describe('the twin proxy configuration', () => {
  it('carries the template health check, thresholds, stickiness and redirect', () => {
    const tg = config.targetGroup;
    const text = cfg(config);
    expect(text).toContain(`http-check send meth GET uri ${tg.healthCheckPath}`);
    expect(text).toContain('http-check expect rstring ^ok$');
    expect(text).toContain(`inter ${tg.healthCheckIntervalSeconds * 1000} fall ${tg.unhealthyThreshold} rise ${tg.healthyThreshold}`);
    expect(text).toContain(`timeout check ${tg.healthCheckTimeoutSeconds * 1000}`);
    expect(text.includes('cookie AWSALB insert')).toBe(tg.stickiness);
    const redirect = config.listeners.find((l) => l.redirect)!.redirect!;
    expect(text).toContain(`${redirect.protocol.toLowerCase()}://%[req.hdr(host),field(1,:)]:${ports.https}" code ${redirect.statusCode.replace('HTTP_', '')}`);
    expect(text).toContain(`bind 127.0.0.1:${ports.http}\n`);
    expect(text).not.toMatch(/bind (0\.0\.0\.0|\*|:::)/);
  });

  it('scales times but keeps thresholds', () => {
    const s = twinSettings(config, ports, 10);
    expect(s.intervalMs).toBe((config.targetGroup.healthCheckIntervalSeconds * 1000) / 10);
    expect(s.unhealthyThreshold).toBe(config.targetGroup.unhealthyThreshold);
    expect(s.healthyThreshold).toBe(config.targetGroup.healthyThreshold);
    expect(() => twinSettings(config, ports, 0.5)).toThrow(/time scale/);
  });

  it('follows a changed template', () => {
    const changed: DeploymentConfig = {
      ...config,
      targetGroup: { ...config.targetGroup, healthCheckPath: '/healthz', unhealthyThreshold: 5, healthyThreshold: 4, stickiness: false },
    };
    const text = cfg(changed);
    expect(text).toContain('uri /healthz');
    expect(text).toContain('fall 5 rise 4');
    expect(text).not.toContain('cookie AWSALB');
    expect(text).not.toMatch(/server task-a \S+ cookie/);
  });

  it('refuses a template whose HTTP listener does not redirect', () => {
    const noRedirect: DeploymentConfig = { ...config, listeners: config.listeners.map((l) => ({ ...l, redirect: undefined })) };
    expect(() => twinSettings(noRedirect, ports, 1)).toThrow(/no redirecting listener/);
  });
});
