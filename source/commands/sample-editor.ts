import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {EditorOutcome} from '../review/corrections.js';
import type {TerminalGuard} from './terminal-guard.js';

/** The reviewer's editor: $VISUAL, else $EDITOR, else vi (a command line: "code --wait" works). */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
	return env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

/**
 * Runs the editor on `text` in a private temporary file (a folder of its own from mkdtemp, the file
 * 0600), with the terminal handed over to it: the review screen leaves the alternate screen and raw
 * mode while the editor runs, and `redraw` puts them back and draws the screen again after.
 */
export function runEditor(text: string, terminal: TerminalGuard, redraw: () => void, env: NodeJS.ProcessEnv = process.env): EditorOutcome {
	const folder = mkdtempSync(join(tmpdir(), 'winnow-edit-'));
	const file = join(folder, 'sample.json');
	const command = editorCommand(env);
	try {
		writeFileSync(file, text, {mode: 0o600, flag: 'wx'});
		terminal.suspend();
		let result;
		try {
			// Through the shell, as git runs $EDITOR: the variable may hold options.
			result = spawnSync('/bin/sh', ['-c', `${command} "$1"`, 'winnow-editor', file], {stdio: 'inherit'});
		} finally {
			terminal.resume();
			redraw();
		}

		if (result.error) return {kind: 'failed', message: `the editor (${command}) could not start: ${result.error.message}; set $VISUAL or $EDITOR`};
		if (result.status !== 0) return {kind: 'failed', message: `the editor (${command}) ended with ${result.signal ?? `status ${result.status}`}: nothing recorded`};
		return {kind: 'saved', text: readFileSync(file, 'utf8')};
	} catch (error) {
		return {kind: 'failed', message: `could not edit the sample: ${(error as Error).message}`};
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}
