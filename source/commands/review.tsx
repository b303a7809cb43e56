import React from 'react';
import {render} from 'ink';
import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {access, open, rm, stat} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {Dataset} from '../dataset/dataset.js';
import {checkDatasetFile} from '../dataset/opening-checks.js';
import type {DecisionStore} from '../store/decision-store.js';
import {openDecisionStore, type OpenedStore} from '../store/open-store.js';
import {DecisionsFileError, fileProblem} from '../store/errors.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {LiveSession} from '../store/live-session.js';
import {ReviewerPosition} from '../store/reviewer-position.js';
import {canonicalPath} from '../store/canonical-path.js';
import {foreignLock} from '../store/locked-merge-adapter.js';
import {ReviewController, type ReviewMode} from '../review/controller.js';
import {App} from '../ui/App.js';
import {UsageError, oneOf, type CommonOptions} from '../cli/options.js';
import {TerminalGuard} from './terminal-guard.js';
import {OpeningKeys} from './opening-keys.js';
import {runEditor} from './sample-editor.js';
import {GuidelinesSeen} from '../store/guidelines-seen.js';
import {readGuidelines} from '../review/guidelines.js';

type ReviewFlags = {mode?: string; lead?: boolean; categories?: string};

const signalExitCodes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
/** How long quitting waits for the last write before giving up on it (ms). */
const flushLimit = 3000;

export async function runReview(common: CommonOptions, flags: ReviewFlags): Promise<number> {
	// --mode and --categories override the project config (winnow.config.json), which overrides the defaults;
	// a mode stored in the decisions file wins over the config's default (see sessionMode).
	const requested = flags.mode === undefined ? undefined : oneOf<ReviewMode>('--mode', flags.mode, ['split', 'overlap']);
	const categories = common.config.categories;
	if (categories.length === 0) throw new UsageError('--categories needs at least one category, e.g. --categories "tone,stereotype,other".');
	// A missing, unreadable or empty dataset is the more useful sentence, in a pipe as in a terminal.
	checkDatasetFile(common.dataset);
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		throw new UsageError('reviewing needs a terminal (standard input and output must be a TTY); in scripts and pipes use winnow export or winnow stats.');
	}

	// The screen redraws by moving the cursor, which a dumb terminal (Emacs shell buffers, some CI
	// consoles, serial lines) cannot do: refuse clearly rather than fill it with escape sequences.
	if (process.env.TERM === 'dumb') {
		throw new UsageError('reviewing needs a terminal that can move the cursor, and TERM=dumb says this one cannot: run winnow in a terminal emulator or tmux (or set TERM, e.g. TERM=xterm-256color, if yours is one); winnow export and winnow stats work anywhere.');
	}

	if (common.dbSpec.kind === 'file' && resolve(common.db) === resolve(common.dataset)) throw new UsageError('--db must not be the dataset itself; give another file name.');

	// Keys typed while the files open wait for the screen rather than being echoed over it.
	process.stdin.setRawMode(true);
	// q and ctrl-c are answered while the files open, however long the first entries take to read.
	const openingKeys = new OpeningKeys(process.stdin, key => {
		process.stdin.setRawMode(false);
		process.stderr.write(`winnow: ${key === 'q' ? 'quit' : 'interrupted'} while opening ${sanitizeLine(common.dataset)}; nothing was recorded.\n`);
		process.exit(key === 'q' ? 0 : signalExitCodes.SIGINT);
	});
	openingKeys.start();
	let dataset: Dataset;
	let store: DecisionStore;
	let opened: OpenedStore;
	let mode: ReviewMode;
	try {
		dataset = await Dataset.open(common.dataset, {idField: common.idField});
		try {
			const name = common.dbSpec.kind === 'file' ? dataset.name : common.datasetName;
			const opening = dataset;
			// The file's presence and leases are made below, once the mode stored in the file is known.
			opened = await openDecisionStore(common.dbSpec, {path: common.dataset, name}, {
				reviewer: common.reviewer, mode: requested ?? common.config.mode ?? 'split', live: common.dbSpec.kind !== 'file', store: {syncWrites: true, background: true},
				upcoming: (sample, skip, count) => undecidedAfter(opening, opened?.store, sample, skip, count),
			});
			store = opened.store;
			if (common.dbSpec.kind === 'file') await checkWritable(common.db);
			mode = sessionMode(common.dbSpec.kind === 'file' ? undefined : common.datasetName, common.db, store, requested, common.config.mode);
		} catch (error) {
			dataset.close();
			throw error;
		}
	} catch (error) {
		openingKeys.abandon();
		process.stdin.setRawMode(false);
		throw error;
	}

	// From here on files are made (presence): the screen's q saves and removes them.
	openingKeys.stop();

	let {live, position} = opened;
	if (common.dbSpec.kind === 'file') {
		const files = new LiveSession(common.db, common.reviewer, mode);
		// Split mode: a decided sample's lease is kept until the decision is on disk (see review/claiming.ts).
		files.holdUntilSaved(sample => store.isSaved(sample, common.reviewer));
		store.onChange(() => {
			files.settle();
		});
		live = files;
		position = new ReviewerPosition(common.db, common.reviewer);
	}

	live?.start();
	const terminal = new TerminalGuard(process.stdout);
	// Set once the screen is drawn: after the editor, Ink draws the whole frame again on the fresh screen.
	let redraw = () => undefined as void;
	const editor = (text: string) => runEditor(text, terminal, () => {
		redraw();
	});
	// Reasons, requireReason and the guidelines path: the project config's (defaults without one).
	const settings = {reasons: common.config.reasons, requireReason: common.config.requireReason, guidelines: common.config.guidelines};
	const guidelines = settings.guidelines === undefined ? undefined : readGuidelines(settings.guidelines);
	const guidelinesSeen = opened.guidelinesSeen ?? new GuidelinesSeen(common.db, common.reviewer);
	const newController = () => new ReviewController(dataset, store, {reviewer: common.reviewer, categories, reasons: settings.reasons, requireReason: settings.requireReason, guidelines, guidelinesSeen, mode, lead: flags.lead, live, position, signalConfig: common.config.signals, editor, bindings: common.config.bindings});
	let controller = newController();
	store.startWatching();
	terminal.enter();

	return new Promise<number>(resolveExit => {
		let finishing = false;
		const app = () => <App controller={controller} bindings={common.config.bindings} onRetrySave={() => void quit()} onQuitAnyway={() => finish(1, true)}/>;
		const instance = render(app(), {
			exitOnCtrlC: false,
			patchConsole: false,
			// Ink's default 30 fps holds a key's frame back up to 33 ms after a background redraw (the
			// save status, indexing progress); a frame costs a few ms, so allow one every 8 ms.
			maxFps: 120,
		});
		redraw = () => {
			instance.clear();
		};
		// The signals are computed in a worker once the first frame is out (and the file indexed).
		setImmediate(() => {
			controller.startSignals();
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
				const made = controller.decidedThisSession();
				process.stderr.write(lostUnsaved && unsaved > 0
					? `winnow: quit with ${unsaved} decision${unsaved === 1 ? '' : 's'} not saved to ${sanitizeLine(common.db)}.\n`
					: `winnow: ${controller.counts.decided.toLocaleString('en')}/${controller.counts.total.toLocaleString('en')} decided, ${made.toLocaleString('en')} by you (${sanitizeLine(controller.reviewer)}) this session; saved in ${sanitizeLine(common.db)}.\n`);
			}

			if (!terminal.usable) {
				hangUp();
				return;
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
		let rereading = false;
		/**
		 * The dataset changed on disk: its byte offsets may now hold other samples. Save, read the file
		 * again, and go on where the reviewer was (the sample with the same id), saying why.
		 */
		const reread = async () => {
			if (rereading || finishing) return;
			rereading = true;
			const message = controller.datasetChanged;
			try {
				await withLimit(store.flush(), flushLimit).catch(() => undefined);
				controller.close();
				dataset.close();
				dataset = await Dataset.open(common.dataset, {idField: common.idField});
			} catch (error) {
				// The file is gone or unreadable now: leave, saying so after the screen is restored.
				finish(1, true);
				process.stderr.write(`winnow: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
				return;
			}

			live?.start();
			controller = newController();
			controller.startSignals();
			controller.tell(message ?? '');
			watch();
			instance.rerender(app());
			rereading = false;
		};

		const watch = () => {
			controller.subscribe(() => {
				if (controller.state.quitting) void quit();
				else if (controller.datasetChanged) void reread();
			});
		};

		watch();
	});
}

/**
 * The mode is the decisions file's, stored when the file was created, so every session on it (a
 * lead's with no flag too) reviews the same way; a new file, or one from before modes, takes the
 * flag's (default split) and stores it with its first write. In a database the same holds for the
 * dataset's review (`datasetName`), stored when its first review session opens.
 */
function sessionMode(datasetName: string | undefined, db: string, store: DecisionStore, requested: ReviewMode | undefined, configured: ReviewMode | undefined): ReviewMode {
	const stored = store.mode;
	if (requested !== undefined && stored !== undefined && requested !== stored) {
		store.close();
		const [what, another] = datasetName === undefined
			? [db, 'pass --db with a new decisions file']
			: [`the review of ${datasetName} in ${db}`, 'give --dataset-name NAME'];
		throw new UsageError(`${what} was started in ${stored} mode, and every session on it reviews in that mode: leave out --mode ${requested}, or ${another} for a ${requested} round.`);
	}

	const mode = stored ?? requested ?? configured ?? 'split';
	store.adoptMode(mode);
	return mode;
}

/**
 * Ends the process as a hang-up does, once everything is saved and released. Exiting normally
 * would not do: on exit Node restores the terminal's settings, and on a terminal that has hung up
 * that fails and Node 20 aborts (SIGABRT, a native stack trace; fixed in later Node versions). A
 * hang-up is what happened, and the shell reports it the same way (exit status 129).
 */
function hangUp(): never {
	process.removeAllListeners('SIGHUP');
	process.kill(process.pid, 'SIGHUP');
	// Not reached: SIGHUP's default action ends the process.
	process.exit(signalExitCodes.SIGHUP);
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


/** The next undecided samples after `sample` that `skip` leaves, in file order, as advancing would reach them. */
function undecidedAfter(dataset: Dataset, store: DecisionStore | undefined, sample: string, skip: (sample: string) => boolean, count: number): string[] {
	const ids: string[] = [];
	const from = dataset.indexOfId(sample);
	if (from === undefined || !store) return ids;
	for (let i = from + 1; i < dataset.count && i <= from + (count * 25) && ids.length < count; i++) {
		const id = dataset.idOf(i);
		if (!skip(id) && !store.forSample(id).some(record => record.verdict !== null)) ids.push(id);
	}

	return ids;
}

/**
 * Refuses at the start, rather than after the first decision, when the decisions file's folder
 * cannot be written (read-only place, no permission, missing folder): creates and removes a file
 * beside it, as every save does.
 */
async function checkWritable(db: string): Promise<void> {
	const target = canonicalPath(db);
	// An unpredictable name: a probe file a peer planted under a guessable one must not stop us.
	const probe = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.probe`);
	try {
		await (await open(probe, 'wx')).close();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		// ENOENT with the folder there: a place such as /proc, where no new file can be made.
		const folderExists = code === 'ENOENT' && await stat(dirname(target)).then(() => true, () => false);
		const problem = folderExists ? 'no new file can be made in its folder' : fileProblem(error);
		throw new DecisionsFileError(`${db} cannot be written (${problem}), so decisions could not be saved: pass --db with a file in a folder you can write.`);
	}

	await rm(probe, {force: true});
	// A file or link in the lock's place would stop every write: say so now, not after a decision.
	const lock = foreignLock(`${target}.lock`, Number.POSITIVE_INFINITY);
	if (lock) throw new DecisionsFileError(`${lock}.`);
	// A decisions file made read-only (chmod 444) is someone's way of saying "do not change this".
	try {
		await access(target, constants.W_OK);
		const {mode} = await stat(target);
		if ((mode & 0o222) === 0) throw Object.assign(new Error('read-only'), {code: 'EACCES'});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw new DecisionsFileError(`${db} is read-only, so winnow will not replace it: make it writable (chmod u+w '${db}') to go on deciding, or use winnow stats and winnow export to read it.`);
	}
}

