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
  /** Latency of the health endpoint of a working task, when the container tests did not measure it (they measure it per health path). */
  readonly healthResponseSeconds: number;
}

/**
 * The ranges the property tests draw the assumptions from, one draw per run (printed with a
 * counterexample): a property must hold for any value in them, not only for the defaults. Task start on
 * Fargate takes from tens of seconds to a couple of minutes (provisioning, image pull); the app was
 * measured ready about 2 s after start (container tests, limited_time_to_healthy_s), taken up to 20 s; the
 * scheduler's reaction is not documented (1-15 s assumed); Streamlit exits at once on SIGTERM (container
 * tests: well under 10 s).
 */
export const ASSUMPTION_RANGES: { readonly [K in keyof Omit<Assumptions, 'healthResponseSeconds'>]: readonly [number, number] } = {
  taskStartSeconds: [20, 120],
  appReadySeconds: [1, 20],
  schedulerReactionSeconds: [1, 15],
  appShutdownSeconds: [0, 10],
};

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  taskStartSeconds: 40,
  appReadySeconds: 5,
  schedulerReactionSeconds: 5,
  appShutdownSeconds: 2,
  healthResponseSeconds: 0.01,
};
