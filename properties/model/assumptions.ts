/**
 * What the model assumes about the environment where neither the template nor AWS's documentation
 * fixes a number. Kept apart from the AWS facts and from the template's values, so a reader sees at
 * once which figures are guesses; the properties hold for any values within the stated ranges
 * (the model tests vary them).
 */
export interface Assumptions {
  /** From a launch decision to the container running (Fargate provisioning and image pull). */
  readonly taskStartSeconds: number;
  /** From RUNNING to the server answering its health check (Streamlit measured ready in about 2 s). */
  readonly appReadySeconds: number;
  /** How long ECS takes to react to a task it knows is stopped or unhealthy (the scheduler's loop). */
  readonly schedulerReactionSeconds: number;
  /** How long a stopping task keeps its container after SIGTERM (Streamlit exits at once on SIGTERM). */
  readonly appShutdownSeconds: number;
  /** Latency of the health endpoint of a working task (measured about 2 ms; container tests measure it). */
  readonly healthResponseSeconds: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  taskStartSeconds: 40,
  appReadySeconds: 5,
  schedulerReactionSeconds: 5,
  appShutdownSeconds: 2,
  healthResponseSeconds: 0.01,
};
