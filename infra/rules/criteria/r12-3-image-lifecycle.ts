import { rule as keepTenImages } from './r2-2-keep-ten-images.js';
import type { Rule } from '../types.js';

/** The same fact as R2.2, asked for a different reason (storage cost). */
export const rule: Rule = { ...keepTenImages, id: 'R12.3', title: 'Images beyond the 10 most recent are deleted (storage cost)' };
