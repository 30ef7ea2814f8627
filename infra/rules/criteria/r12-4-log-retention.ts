import { rule as sevenDays } from './r9-2-retention-seven-days.js';
import type { Rule } from '../types.js';

/** The same fact as R9.2, asked for a different reason (log storage cost). */
export const rule: Rule = { ...sevenDays, id: 'R12.4', title: 'Logs are kept only 7 days (log storage cost)' };
