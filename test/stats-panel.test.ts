import {describe, expect, it} from 'vitest';
import {Decisions} from '../source/review/decisions.js';
import type {DecisionStore} from '../source/store/decision-store.js';
import type {StatusCounter} from '../source/store/status-counts.js';
import {duration, paceLine} from '../source/ui/stats-panel-lines.js';

describe('the stats panel\'s pace', () => {
	it('shows no per-hour figure or time left before five minutes of work', () => {
		expect(paceLine(12, 4 * 60_000, 500)).toBe('This session: 12 decided in 4 min · pace and time left shown after 5 minutes of work');
		expect(paceLine(1, 10 * 60_000, 500)).toContain('shown after 5 minutes');
	});

	it('then the pace and the time the undecided samples would take at it', () => {
		// 60 in 10 minutes: 360 an hour; 720 left take 2 hours.
		expect(paceLine(60, 10 * 60_000, 720)).toBe('This session: 60 decided in 10 min · 360/hour · 720 undecided left: about 2 h 00 min at this pace');
		expect(paceLine(60, 10 * 60_000, 0)).toContain('nothing left undecided');
		expect(duration(3 * 86_400_000 + 2 * 3_600_000)).toBe('3 d 2 h');
	});

	it('counts work between decisions, a long break as five minutes', () => {
		let now = 0;
		const store = {set() {/* Nothing to keep. */}, get: () => undefined} as unknown as DecisionStore;
		const counter = {update() {/* Nothing to count. */}} as unknown as StatusCounter;
		const decisions = new Decisions(store, 'ann', counter, () => now);
		const decide = (at: number, sample: string) => {
			now = at;
			decisions.record({index: 0, sample, previous: undefined, verdict: 'accepted', categories: [], note: '', undo: 'push'}, []);
		};

		decide(0, 'a');
		decide(60_000, 'b');
		// An hour's lunch counts as five minutes.
		decide(3_660_000, 'c');
		expect(decisions.workMs()).toBe(6 * 60_000);
	});
});
