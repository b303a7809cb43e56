// The remembered position's debouncer, shared by the file store's writer and the database's.
import {afterEach, beforeEach, expect, it, vi} from 'vitest';
import {PositionSaver, positionSaveDelay, type Position} from '../source/store/position-saver.js';

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	vi.useRealTimers();
});

const at = (sample: string): Position => ({sample, filter: 'undecided'});

it('writes the latest of many moves once, within the delay, and nothing when it did not change', () => {
	const written: string[] = [];
	const saver = new PositionSaver(position => {
		written.push(position.sample);
	});
	for (const sample of ['s1', 's2', 's3']) saver.update(at(sample));
	expect(written).toEqual([]);
	vi.advanceTimersByTime(positionSaveDelay);
	expect(written).toEqual(['s3']);
	saver.update(at('s3'));
	vi.advanceTimersByTime(positionSaveDelay);
	saver.save();
	expect(written).toEqual(['s3']);
	saver.update(at('s4'));
	saver.save();
	expect(written).toEqual(['s3', 's4']);
});

it('does not write back the position it was opened with', () => {
	const written: string[] = [];
	const saver = new PositionSaver(position => {
		written.push(position.sample);
	}, at('s7'));
	saver.update(at('s7'));
	saver.save();
	expect(written).toEqual([]);
});

it('tries a failed write again with the next change, whether the writer throws or rejects', async () => {
	for (const fail of [() => {
		throw new Error('disk full');
	}, async () => Promise.reject(new Error('connection lost'))]) {
		const written: string[] = [];
		let failing = true;
		const saver = new PositionSaver(position => {
			if (failing) return fail();
			written.push(position.sample);
		});
		saver.update(at('s1'));
		saver.save();
		await vi.runAllTimersAsync();
		failing = false;
		saver.update(at('s1'));
		saver.save();
		expect(written).toEqual(['s1']);
	}
});
