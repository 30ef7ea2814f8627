import { describe, expect, it } from 'vitest';
import { EventLog } from '../events.js';

describe('event log', () => {
  it('keeps events in order and filters by kind from a position', () => {
    const log = new EventLog();
    log.add({ at: 1, kind: 'task-running', taskId: 1 });
    log.add({ at: 2, kind: 'task-stopped', taskId: 1 });
    log.add({ at: 3, kind: 'task-running', taskId: 2 });
    expect(log.size).toBe(3);
    expect(log.ofKind('task-running').map((e) => e.taskId)).toEqual([1, 2]);
    expect(log.ofKind('task-running', 1).map((e) => e.taskId)).toEqual([2]);
  });
});
