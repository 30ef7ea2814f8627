/** The cost model's public surface: what the compliance report and the CLI use. */
export { costReport, costReportForConfig, ceilingVerdict, priceScenario, verdicts, type CostReport, type ReportOptions, type RemedyResult, type ScenarioResult, type Verdict } from './report.js';
export { monthlyCost, taskHoursOf, taskSize, type Bill, type CostConfig, type CostOptions, type LineItem } from './model.js';
export { loadPrices, PriceBook, PRICES_PATH, type Price, type PriceFile } from './prices.js';
export { placeTasks, capacityOf, type Capacity, type StrategyItem } from './placement.js';
export { SCENARIOS, REQUIRED_TASKS, scenarioNamed, withTasks, allOnFargate, withNatGateway, dailyCurve, type Scenario } from './scenarios.js';
export { REMEDIES, type Remedy } from './remedies.js';
export { QUIET_MONTH, BUSY_MONTH, USAGE_BOUNDS, checkUsage, type Usage } from './usage.js';
export { ABOUT_TOLERANCE, APPROXIMATE_SAVING, CONTAINER_INSIGHTS, ASSUMPTIONS_TEXT } from './assumptions.js';
export { CostInputError } from './errors.js';
export { formatReport, formatScenario, formatVerdict } from './format.js';
export { costEvidence } from './evidence.js';
