import {defaultReasons as configDefaults} from '../config/schema.js';

/** The default reject reasons (the config file's default), one digit key each right after `r`. */
export const defaultReasons: string[] = [...configDefaults];

/**
 * What the review screen takes from the project's config (reasons, requireReason, guidelines path).
 * The config file (winnow.config.json, source/config/) fills these in where the review command
 * starts; without one, the defaults.
 */
export type ReviewSettings = {reasons: string[]; requireReason: boolean; guidelines: string | undefined};

export const defaultReviewSettings: ReviewSettings = {reasons: defaultReasons, requireReason: false, guidelines: undefined};

/** One digit key per reason. */
export const maxReasons = 9;

/** The reasons with `reason` added (kept in the list's order; a reason not in the list goes last). */
export function withReason(given: readonly string[], reason: string, order: readonly string[]): string[] {
	if (given.includes(reason)) return [...given];
	const next = [...given, reason];
	return [...order.filter(name => next.includes(name)), ...next.filter(name => !order.includes(name))];
}

/** The key bar's offer after a rejection: `reason for s-17? 1 factually wrong 2 unsafe …`. */
export function reasonOffer(sample: string, reasons: readonly string[], given: readonly string[]): string {
	const list = reasons.slice(0, maxReasons).map((reason, i) => `${i + 1} ${given.includes(reason) ? `[${reason}]` : reason}`).join('  ');
	return `reason for ${sample}? ${list}  (any other key goes on)`;
}
