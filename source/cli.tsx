import {readFileSync} from 'node:fs';
import {reportFatal} from './cli/report-fatal.js';
import {colorEnvironment} from './cli/color-environment.js';
import {UsageError} from './cli/usage-error.js';
import {cliFlags as flags, type CliOptions} from './cli/flags.js';
import {parseFlags} from './cli/parse-flags.js';

/*
Only what every start needs is imported here: meow (for --help), the commands, the options' checks (config,
queries) and the key table behind --help are loaded when used, so `winnow export --version` reads
little more than Node itself does.
*/

const help = (keyLines: string[]) => `
	Usage
	  $ winnow <dataset.jsonl>                 review samples one at a time
	  $ winnow export <dataset.jsonl>          write the accepted samples' original lines
	  $ winnow stats <dataset.jsonl>           counts, bias categories, reviewers, agreement
	  $ winnow decide <dataset.jsonl> --where QUERY --verdict V   decide every sample a query matches
	  $ winnow db migrate|push|pull --db URL   the decisions in PostgreSQL, for teams

	Common options
	  --db FILE|URL        decisions file (default: beside the dataset, <name>.decisions.json),
	                       or a PostgreSQL database: postgres://user@host/db (default: $WINNOW_DB)
	  --dataset-name NAME  in a database: review this file under another name than its own
	  --reviewer NAME      who is deciding (default: $WINNOW_REVIEWER, else your user name)
	  --id-field NAME      the samples' id field (default: id; samples without one are identified by a hash)
	  --config FILE        project config (default: winnow.config.json beside the dataset)
	  --where QUERY        stats, export, decide: only the samples the query matches (README: The query language)

	Review options
	  --mode split|overlap split: each sample needs one decision (default); overlap: everyone decides every sample,
	                       blind; kept in the decisions file when it is created, for every later session
	  --lead               your decisions resolve disagreements between reviewers
	  --categories LIST    bias categories, comma-separated (default: the BBQ nine plus other)

	Export options
	  --out FILE           write here, atomically (default: standard output)
	  --status LIST        accepted (default), rejected, flagged, undecided or all; repeat or comma-separate
	  --policy NAME        how several reviewers' decisions combine: majority (default), unanimous, any
	  --annotate           attach each sample's decision under the key "winnow"
	  --original           original bytes for corrected samples too (default: the correction)
	  --decisions          write the decisions themselves instead of samples
	  --format jsonl|csv   format for --decisions (default: jsonl)
	  --verbose            name skipped malformed lines by line number

	Decide options
	  --verdict V          accepted, rejected or flagged
	  --category C         with flagged; --reason R with rejected (the project's names; repeatable)
	  --note TEXT          note on every decision (default: each keeps its own)
	  --dry-run            say what would change, write nothing
	  --lead               also decide samples other reviewers decided
	  --undo-rule QUERY    revert the decisions a rule made (instead of --where)

	Stats options
	  --json               one JSON object for scripts
	  --verbose            list every malformed line and repeated id
	  --by FIELD           break status, reasons, signals and diversity down by a field (--by model)

	Database (winnow db)
	  migrate              create or upgrade winnow's tables
	  push FILE            copy a decisions file's decisions into the database (--dataset DATA.jsonl)
	  pull                 write a dataset's decisions to a file (--dataset-name NAME or --dataset DATA.jsonl, --out FILE)

	Keys (review; ? in the review screen explains each)
	  ${keyLines.join('\n\t  ')}

	Examples
	  $ winnow data/demo.jsonl
	  $ winnow export data/demo.jsonl --out accepted.jsonl
	  $ winnow stats data/demo.jsonl --json
	  $ winnow decide data/demo.jsonl --where 'signal:refusal status:undecided' --verdict rejected --dry-run
`;


async function main(): Promise<number> {
	const argv = joinDashValues(process.argv.slice(2));
	const unknown = argv.find(argument => argument.startsWith('-') && !isKnownFlag(argument));
	if (unknown) {
		const {closeOption} = await import('./cli/options.js');
		const meant = closeOption(unknown, [...Object.keys(flags).map(name => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)), 'help', 'version']);
		throw new UsageError(`unknown option ${unknown}${meant ? `: did you mean ${meant}?` : ''} (winnow --help lists the options).`);
	}

	// --version is answered alone, before anything else loads; after a command too (winnow export --version).
	const asked = argv.slice(0, [...argv, '--'].indexOf('--'));
	if (asked.includes('--version')) {
		process.stdout.write(`${packageJson().version}\n`);
		return 0;
	}

	const twice = givenTwice(asked);
	if (twice) throw new UsageError(`${twice} is given twice: give it once.`);
	if (asked.includes('--help')) {
		// meow prints the help (its layout: the text's indent taken off, the description first).
		const [{default: meow}, keyLines] = await Promise.all([import('meow'), helpKeyLines()]);
		meow(help(keyLines), {importMeta: import.meta, argv, flags, allowUnknownFlags: false, autoVersion: false}).showHelp(0);
	}

	// meow's reading of the options, without loading meow (a tenth of the first frame): see cli/parse-flags.ts.
	process.title = 'winnow';
	const cli = parseFlags(argv, flags) as {input: string[]; flags: CliOptions};
	const [first, ...rest] = cli.input;
	if (first === 'db') {
		const {runDb} = await import('./commands/db.js');
		return runDb(rest, cli.flags);
	}

	const command = first === 'export' || first === 'stats' || first === 'decide' || first === 'review' ? first : 'review';
	const input = command === 'review' && first !== 'review' ? cli.input : rest;
	const {checkOptionsFor, resolveCommon} = await import('./cli/options.js');
	checkOptionsFor(command, cli.flags);
	const common = resolveCommon(input, cli.flags, command);
	Object.assign(process.env, colorEnvironment(process.env, process.stdout.isTTY === true));

	switch (command) {
		case 'export': {
			const {runExport} = await import('./commands/export.js');
			return runExport(common, cli.flags, common.config.signals);
		}

		case 'stats': {
			const {runStats} = await import('./commands/stats.js');
			return runStats(common, cli.flags, common.config.signals);
		}

		case 'decide': {
			const {runDecide} = await import('./commands/decide.js');
			return runDecide(common, cli.flags);
		}

		default: {
			// Ink renders only a final frame when it thinks it runs in CI (CI=true and the like, read when
			// Ink loads). Review is interactive and needs a terminal anyway: give it the live screen.
			if (process.stdin.isTTY && process.stdout.isTTY) {
				delete process.env.CI;
				delete process.env.CONTINUOUS_INTEGRATION;
			}

			// Start indexing the dataset and reading the decisions file (each in a worker thread) while the review screen's code loads.
			// The decisions first: keys wait for them, and their module is small.
			const interactive = process.stdin.isTTY && process.stdout.isTTY;
			const decisions = import('./store/table-preload.js').then(({prepareDecisions}) => {
				if (interactive && common.dbSpec.kind === 'file') prepareDecisions(common.dbSpec.path);
			});
			const {Dataset} = await import('./dataset/dataset.js');
			if (interactive) Dataset.prepare(common.dataset, {idField: common.idField});
			await decisions;
			const {runReview} = await import('./commands/review.js');
			return runReview(common, cli.flags);
		}
	}
}

/**
 * `--where -signal:refusal` as `--where=-signal:refusal`: a value that starts with "-" (a negated
 * query term, a note) after an option that takes a value, where it is not itself an option.
 */
function joinDashValues(argv: string[]): string[] {
	const joined: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const argument = argv[i];
		const next = argv[i + 1];
		const long = /^--([a-z-]+)$/.exec(argument)?.[1];
		const name = long === undefined ? undefined : flagName(long);
		if (name && name in flags && flags[name as keyof typeof flags].type === 'string' && next?.startsWith('-') && next !== '-' && !isKnownFlag(next)) {
			joined.push(`${argument}=${next}`);
			i++;
		} else {
			joined.push(argument);
		}
	}

	return joined;
}

function isKnownFlag(argument: string): boolean {
	if (argument === '-' || argument === '--') return true;
	const name = argument.replace(/^--?/, '').split('=')[0].replace(/^no-/, '');
	return flagName(name) in flags || name === 'help' || name === 'version';
}

async function helpKeyLines(): Promise<string[]> {
	const [{defaultBindings}, {cliKeyLines}] = await Promise.all([import('./review/bindings.js'), import('./review/key-help.js')]);
	return cliKeyLines(defaultBindings, 96);
}

/** --id-field and --idField both name idField. */
function flagName(word: string): string {
	return word.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** An option that takes one value, given twice (meow would keep the last one silently). */
function givenTwice(argv: readonly string[]): string | undefined {
	const seen = new Set<string>();
	for (const argument of argv) {
		const written = /^--([a-zA-Z-]+)/.exec(argument)?.[1];
		if (!written) continue;
		const name = flagName(written);
		const flag = (flags as Record<string, {type: string; isMultiple?: boolean}>)[name];
		if (!flag || flag.type !== 'string' || flag.isMultiple) continue;
		if (seen.has(name)) return `--${written}`;
		seen.add(name);
	}

	return undefined;
}

/** winnow's package.json (its version and description), found from this file upward: dist/ or source/. */
function packageJson(): {version: string; description: string} {
	for (const relative of ['../package.json', '../../package.json']) {
		try {
			const found = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {name?: string; version: string; description: string};
			if (found.name === 'winnow') return found;
		} catch {}
	}

	throw new Error('winnow\'s package.json was not found beside the program');
}

try {
	process.exitCode = await main();
} catch (error) {
	process.exitCode = reportFatal(error);
}
