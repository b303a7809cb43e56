import React from 'react';
import {render} from 'ink';
import {resolve} from 'node:path';
import {Dataset} from '../dataset/dataset.js';
import {DecisionStore} from '../store/decision-store.js';
import {LiveSession} from '../store/live-session.js';
import {ReviewController, type ReviewMode} from '../review/controller.js';
import {App} from '../ui/App.js';
import {UsageError, oneOf, listFlag, type CommonOptions} from '../cli/options.js';
import {defaultCategories} from '../review/categories.js';
import {TerminalGuard} from './terminal-guard.js';

type ReviewFlags = {mode?: string; lead?: boolean; categories?: string};

const signalExitCodes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
/** How long quitting waits for the last write before giving up on it (ms). */
const flushLimit = 3000;

export async function runReview(common: CommonOptions, flags: ReviewFlags): Promise<number> {
	const mode = oneOf<ReviewMode>('--mode', flags.mode ?? 'split', ['split', 'overlap']);
	const categories = flags.categories === undefined ? defaultCategories : listFlag(flags.categories);
	if (categories.length === 0) throw new UsageError('--categories needs at least one category, e.g. --categories "tone,stereotype,other".');
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		throw new UsageError('reviewing needs a terminal (standard input and output must be a TTY); in scripts and pipes use winnow export or winnow stats.');
	}

	if (resolve(common.db) === resolve(common.dataset)) throw new UsageError('--db must not be the dataset itself; give another file name.');

	const dataset = await Dataset.open(common.dataset, {idField: common.idField});
	let store: DecisionStore;
	try {
		store = await DecisionStore.open(common.db, dataset.name);
	} catch (error) {
		dataset.close();
		throw error;
	}

	const live = new LiveSession(common.db, common.reviewer, mode);
	live.start();
	const controller = new ReviewController(dataset, store, {reviewer: common.reviewer, categories, mode, lead: flags.lead, live});
	store.startWatching();
	const decidedAtStart = controller.counts.decided;
	const terminal = new TerminalGuard(process.stdout);
	terminal.enter();

	return new Promise<number>(resolveExit => {
		let finishing = false;
		const instance = render(<App controller={controller} onRetrySave={() => void quit()} onQuitAnyway={() => finish(1, true)}/>, {
			exitOnCtrlC: false,
			patchConsole: false,
		});

		const finish = (code: number, lostUnsaved = false) => {
			if (finishing) return;
			finishing = true;
			for (const [signal, handler] of handlers) process.off(signal, handler);
			instance.unmount();
			terminal.leave();
			controller.close();
			store.close();
			dataset.close();
			const unsaved = store.status.unsaved;
			if (terminal.usable) {
				const made = controller.counts.decided - decidedAtStart;
				process.stderr.write(lostUnsaved && unsaved > 0
					? `winnow: quit with ${unsaved} decisions not saved to ${common.db}.\n`
					: `winnow: ${controller.counts.decided}/${controller.counts.total} decided (${made >= 0 ? '+' : ''}${made} this session), saved in ${common.db}.\n`);
			}

			resolveExit(code);
		};

		/** q and ctrl-c: save, then leave; if saving fails, stay and say so. */
		const quit = async () => {
			try {
				await withLimit(store.flush(), flushLimit);
				finish(0);
			} catch {
				controller.dispatch({type: 'unsaved'});
			}
		};

		/** A signal or a dropped connection: save what can be saved within the limit, then leave. */
		const stop = async (code: number) => {
			try {
				await withLimit(store.flush(), flushLimit);
			} catch {}

			finish(code, true);
		};

		const handlers = Object.entries(signalExitCodes).map(([signal, code]) => {
			const handler = () => void stop(code);
			process.on(signal, handler);
			return [signal, handler] as const;
		});
		terminal.onBroken(() => void stop(signalExitCodes.SIGHUP));
		controller.subscribe(() => {
			if (controller.state.quitting) void quit();
		});
	});
}

async function withLimit(promise: Promise<void>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			reject(new Error('timed out'));
		}, ms);
	});
	try {
		await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
