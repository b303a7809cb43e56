import {basename, resolve} from 'node:path';
import {defaultDbPath, listFlag, oneOf, parsePolicy, parseWhere, UsageError, type CommonOptions} from '../cli/options.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {count} from '../report/render.js';
import {scanDataset} from '../dataset/dataset-scan.js';
import {EntryMatcher} from '../query/entry-facts.js';
import type {FieldCheck} from '../query/field-check.js';
import {IdFieldCheck} from '../dataset/id-field-check.js';
import {signalsFor, type SignalLookup} from '../query/signal-lookup.js';
import {formatQuery, needsOf, parseQuery, queryKey, type Query} from '../query/index.js';
import type {DecisionStore, Change} from '../store/decision-store.js';
import {DecisionsFileError} from '../store/errors.js';
import {openDecisionStore} from '../store/open-store.js';
import {LiveSession} from '../store/live-session.js';
import {verdicts, type DecisionRecord, type ReplacedDecision, type Verdict} from '../store/schema.js';
import {sampleStatus, type Policy} from '../store/verdict-policy.js';
import {contentHash, hashToRecord, madeOnOtherBytes} from '../dataset/content-hash.js';
import {ContentPresence} from '../dataset/content-presence.js';

export type DecideFlags = {
	where?: string;
	verdict?: string;
	category?: string[];
	note?: string;
	reason?: string[];
	dryRun?: boolean;
	undoRule?: string;
	lead?: boolean;
	policy?: string;
};

/** How many sample ids a dry run lists. */
const listed = 10;

/**
 * winnow decide: one verdict for every sample a query matches, or --undo-rule to revert what a
 * rule decided. Goes through the decision store (locked, merging), so review screens working on the
 * same file at the same time keep their decisions and see these. Returns the exit code.
 */
export async function runDecide(common: CommonOptions, flags: DecideFlags): Promise<number> {
	if (flags.undoRule !== undefined) {
		for (const [flag, given] of [['--where', flags.where !== undefined], ['--verdict', flags.verdict !== undefined], ['--category', listFlag(flags.category).length > 0], ['--reason', listFlag(flags.reason).length > 0], ['--note', flags.note !== undefined]] as const) {
			if (given) throw new UsageError(`--undo-rule reverts what a rule decided; it takes no ${flag}.`);
		}

		return undoRule(common, flags);
	}

	if (flags.where === undefined) throw new UsageError('winnow decide needs --where QUERY (the samples to decide) and --verdict accepted|rejected|flagged, e.g. winnow decide data.jsonl --where signal:refusal --verdict rejected.');
	if (flags.verdict === undefined) throw new UsageError('winnow decide needs --verdict accepted, rejected or flagged.');
	const verdict = oneOf<Verdict>('--verdict', flags.verdict, verdicts);
	const categories = pickFrom('--category', listFlag(flags.category), common.config.categories, 'categories');
	const reasons = pickFrom('--reason', listFlag(flags.reason), common.config.reasons, 'reasons');
	if (categories.length > 0 && verdict !== 'flagged') throw new UsageError('--category goes with --verdict flagged (bias categories describe a flag).');
	if (reasons.length > 0 && verdict !== 'rejected') throw new UsageError('--reason goes with --verdict rejected (reasons say why a sample was rejected).');
	// As on the review screen, where a flag is made by picking its bias categories.
	if (verdict === 'flagged' && categories.length === 0) throw new UsageError(`--verdict flagged needs --category (a flag says which bias): one or more of ${common.config.categories.join(', ')}, comma-separated.`);
	if (verdict === 'rejected' && reasons.length === 0 && common.config.requireReason) {
		throw new UsageError(`this project requires a reason for every rejection (requireReason in ${common.config.path}): add --reason, one of ${common.config.reasons.join(', ')}.`);
	}

	const query = parseWhere(flags.where)!;
	const rule = formatQuery(query);
	if (rule === '') throw new UsageError('--where is empty, which would decide every sample; say which samples, e.g. --where status:undecided.');
	const policy = parsePolicy(flags.policy);
	// Without --note, each sample keeps the note its reviewer gave it (as a key's decision does).
	const note = flags.note?.trim();
	checkDbIsNotDataset(common);

	const signals = await signalsFor(common, needsOf(query));
	const {store} = await openDecisionStore(common.dbSpec, {path: common.dataset, name: common.dbSpec.kind === 'file' ? basename(common.dataset) : common.datasetName}, {reviewer: common.reviewer, store: {watchInterval: 0}});
	try {
		const stale = staleRecords(common, store);
		const {matched, shared, fields, idWarnings, malformed} = await matchingSamples(common, query, store, policy, signals, stale);
		for (const warning of idWarnings) process.stderr.write(`winnow: ${sanitizeLine(warning)}\n`);
		const sharedIds = new Set(shared.map(sample => sample.id));
		// A term on a field no sample has is the same for every sample: a misspelt name, which would decide none or all.
		const missing = fields.problem(common.dataset);
		if (missing) throw new UsageError(`--where ${JSON.stringify(flags.where)}: ${missing}. Nothing was decided.`);
		// In overlap mode every reviewer decides every sample: others' verdicts and screens are no reason to hold back.
		const overlap = store.mode === 'overlap';
		const changes: Change[] = [];
		let byOthers = 0;
		let already = 0;
		let open = 0;
		// A sample without an id field is identified by its line's bytes: byte-identical lines share one
		// decision. When the query leaves one of them out (the first of exact duplicates, kept by
		// signal:duplicate), deciding the id would decide that one too, so such ids are left alone.
		// Samples on another reviewer's screen right now (their lease in the live folder): deciding one
		// under them would give it two reviewers' decisions in split mode.
		const live = common.dbSpec.kind === 'file' ? new LiveSession(common.db, common.reviewer, 'decide') : undefined;
		live?.refresh();
		for (const {id, hash} of matched) {
			if (sharedIds.has(id)) continue;
			// Decisions made on other bytes than the sample holds now are not its decisions any more.
			const records = store.forSample(id).filter(record => !stale(record, hash, id));
			const mine = records.find(record => record.reviewer === common.reviewer);
			const others = records.some(record => record.reviewer !== common.reviewer && record.verdict !== null);
			if (others && !flags.lead && !overlap) {
				byOthers++;
				continue;
			}

			if (!flags.lead && !overlap && live?.isTakenByOther(id)) {
				open++;
				continue;
			}

			const noteFor = note ?? mine?.note ?? '';
			if (mine && mine.verdict === verdict && mine.rule === rule && sameList(mine.categories, categories) && sameList(mine.reasons ?? [], reasons) && mine.note === noteFor) {
				already++;
				continue;
			}

			changes.push({
				sample: id,
				reviewer: common.reviewer,
				verdict,
				categories,
				reasons,
				note: noteFor,
				rule,
				// A lead deciding over other reviewers' verdicts settles the sample, as on the review screen.
				resolution: flags.lead && others ? true : undefined,
				// The reviewer's own correction stays on the sample (as when they decide it with a key): export writes it.
				correction: mine?.correction,
				replaced: replacedFor(mine, rule),
				hash: hashToRecord(id, hash),
			});
		}

		const out: string[] = [];
		const what = `${verdict}${categories.length > 0 ? ` (${categories.join(', ')})` : ''}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`;
		// Lines that share an id are samples of their own that share one decision: counted as lines, the ids said apart.
		const linesOf = new Map(matched.map(sample => [sample.id, sample.lines]));
		const matchedLines = matched.reduce((sum, sample) => sum + sample.lines, 0);
		const marked = changes.reduce((sum, change) => sum + (linesOf.get(change.sample) ?? 1), 0);
		const sharing = matchedLines > matched.length ? ` (${count(matched.length)} ${matched.length === 1 ? 'id' : 'ids'} among them: lines with one id share one decision)` : '';
		const matchedText = `${count(matchedLines)} ${matchedLines === 1 ? 'sample matches' : 'samples match'} ${quoteRule(rule)}${sharing}`;
		if (flags.dryRun) {
			out.push(`dry run: ${matchedText}; would mark ${count(marked)} ${plural(marked)} ${what} as ${common.reviewer}, by rule ${quoteRule(rule)}. Nothing was written.`);
		} else {
			for (const change of changes) store.set(change);
			await flushOnce(store);
			out.push(`${matchedText}; marked ${count(marked)} ${plural(marked)} ${what} as ${common.reviewer}, by rule ${quoteRule(rule)} (in ${common.db}).`);
		}

		const replacing = changes.filter(change => change.replaced && change.replaced.verdict !== null).length;
		const were = (n: number) => (flags.dryRun ? 'would be' : n === 1 ? 'was' : 'were');
		if (replacing > 0) out.push(`  ${count(replacing)} of them ${flags.dryRun ? 'would replace' : 'replaced'} ${common.reviewer}'s own earlier ${replacing === 1 ? 'decision' : 'decisions'} (--undo-rule brings ${replacing === 1 ? 'it' : 'them'} back).`);
		if (byOthers > 0) out.push(`  ${count(byOthers)} ${plural(byOthers)} already decided by other reviewers ${were(byOthers)} left alone (--lead decides them too).`);
		if (open > 0) out.push(`  ${count(open)} ${plural(open)} open on another reviewer's screen right now ${were(open)} left alone (run again later, or --lead).`);
		// stats counts them as undecided entries; a query cannot look into a line that is not JSON.
		if (malformed > 0) out.push(`  ${count(malformed)} malformed ${malformed === 1 ? 'line was' : 'lines were'} not looked at (decide never decides one; stats counts ${malformed === 1 ? 'it' : 'them'} as undecided): fix ${malformed === 1 ? 'it' : 'them'}, or decide ${malformed === 1 ? 'it' : 'them'} on the review screen.`);
		if (already > 0) out.push(`  ${count(already)} ${plural(already)} already had this decision by this rule.`);
		// Identical lines without an id field share their hash id; lines with one id field value share it whatever they hold.
		const sameBytes = shared.filter(sample => sample.hashed);
		const sameId = shared.filter(sample => !sample.hashed);
		if (sameBytes.length > 0) out.push(`  ${count(sameBytes.length)} ${plural(sameBytes.length)} ${were(sameBytes.length)} left alone: each is byte-for-byte the same line as a sample the query does not match (no id field, so they share one decision); give the samples ids (--id-field) to decide them apart.`);
		if (sameId.length > 0) {
			const [first] = sameId;
			const more = sameId.length > 1 ? ` (and ${count(sameId.length - 1)} more ${sameId.length === 2 ? 'id' : 'ids'} like it)` : '';
			out.push(`  ${count(sameId.length)} ${plural(sameId.length)} ${were(sameId.length)} left alone: lines ${Math.min(first.line, first.otherLine)} and ${Math.max(first.line, first.otherLine)} share the ${common.idField} ${/^[\w.:-]+$/.test(first.id) ? first.id : JSON.stringify(first.id)}, and the query matches line ${first.line}, not line ${first.otherLine}${more}; lines with one id share one decision, so give them distinct ids to decide them apart.`);
		}

		if (flags.dryRun && changes.length > 0) {
			const byId = new Map(matched.map(sample => [sample.id, sample.line]));
			const shown = changes.slice(0, listed).map(change => `${change.sample} (line ${byId.get(change.sample)})`);
			out.push(`  for example: ${shown.join(', ')}${changes.length > listed ? `, … and ${count(changes.length - listed)} more` : ''}`);
		}

		if (!flags.dryRun && changes.length > 0) out.push(...revertCommand(common, rule).map(line => `  ${line}`));
		process.stdout.write(out.map(line => sanitizeLine(line)).join('\n') + '\n');
		return 0;
	} finally {
		store.close();
	}
}

/**
 * --undo-rule QUERY: every current decision that rule made (this reviewer's; everyone's with
 * --lead) goes back to what it replaced, or is withdrawn: newer records, never deletions.
 */
async function undoRule(common: CommonOptions, flags: DecideFlags): Promise<number> {
	const query = parseWhere(flags.undoRule, undefined, '--undo-rule')!;
	const rule = formatQuery(query);
	const key = queryKey(query);
	const asTyped = flags.undoRule!.trim();
	// Each rule on record once: the same rule however its clauses were ordered.
	const keys = new Map<string, boolean>();
	const isThisRule = (recorded: string) => {
		let same = keys.get(recorded);
		if (same === undefined) {
			try {
				same = recorded === asTyped || queryKey(parseQuery(recorded)) === key;
			} catch {
				same = false;
			}

			keys.set(recorded, same);
		}

		return same;
	};

	checkDbIsNotDataset(common);
	const {store} = await openDecisionStore(common.dbSpec, {path: common.dataset, name: common.dbSpec.kind === 'file' ? basename(common.dataset) : common.datasetName}, {reviewer: common.reviewer, store: {watchInterval: 0}});
	try {
		const undo: DecisionRecord[] = [];
		let othersRules = 0;
		const reviewers = new Set<string>();
		// The rules current decisions were made by: named when the one given made none (a typo, other spelling).
		const rulesOnRecord = new Map<string, number>();
		for (const record of store.all()) {
			if (record.verdict !== null && typeof record.rule === 'string' && (record.reviewer === common.reviewer || flags.lead)) rulesOnRecord.set(record.rule, (rulesOnRecord.get(record.rule) ?? 0) + 1);
			if (record.verdict === null || typeof record.rule !== 'string' || !isThisRule(record.rule)) continue;
			if (record.reviewer !== common.reviewer && !flags.lead) {
				othersRules++;
				continue;
			}

			undo.push(record);
			reviewers.add(record.reviewer);
		}

		const restored = undo.filter(record => record.replaced && record.replaced.verdict !== null).length;
		const out: string[] = [];
		if (undo.length === 0) {
			out.push(`no current decision was made by rule ${quoteRule(rule)}${flags.lead ? '' : ` as ${common.reviewer}`}; nothing to undo.`);
			const known = [...rulesOnRecord].sort((a, b) => b[1] - a[1]);
			if (known.length > 0) out.push(`  rules with current decisions${flags.lead ? '' : ` as ${common.reviewer}`}: ${known.slice(0, listed).map(([name, n]) => `${quoteRule(name)} (${count(n)})`).join(', ')}${known.length > listed ? `, … and ${count(known.length - listed)} more` : ''}.`);
		} else if (flags.dryRun) {
			out.push(`dry run: would undo ${count(undo.length)} ${undo.length === 1 ? 'decision' : 'decisions'} made by rule ${quoteRule(rule)} (${[...reviewers].join(', ')}): ${count(restored)} back to the earlier decision, ${count(undo.length - restored)} withdrawn. Nothing was written.`);
			out.push(`  for example: ${undo.slice(0, listed).map(record => record.sample).join(', ')}${undo.length > listed ? `, … and ${count(undo.length - listed)} more` : ''}`);
		} else {
			for (const record of undo) {
				const before = record.replaced;
				store.set({
					sample: record.sample,
					reviewer: record.reviewer,
					verdict: before?.verdict ?? null,
					categories: before?.categories ?? [],
					note: before?.note ?? '',
					resolution: before?.resolution,
					reasons: before?.reasons,
					rule: before?.rule,
					// The reviewer's correction as it was before the rule (the rule kept it; an edit since makes the decision no longer the rule's).
					correction: isObject(before?.correction) ? before.correction : undefined,
					// The earlier decision was current on the bytes the rule decided: if they changed since, so is it.
					hash: before?.verdict ? record.hash : undefined,
				});
			}

			await flushOnce(store);
			out.push(`undid ${count(undo.length)} ${undo.length === 1 ? 'decision' : 'decisions'} made by rule ${quoteRule(rule)} (${[...reviewers].join(', ')}): ${count(restored)} back to the earlier decision, ${count(undo.length - restored)} withdrawn (in ${common.db}).`);
		}

		if (othersRules > 0) out.push(`  ${count(othersRules)} ${othersRules === 1 ? 'decision' : 'decisions'} by this rule from other reviewers ${flags.dryRun ? 'would be' : othersRules === 1 ? 'was' : 'were'} left as ${othersRules === 1 ? 'it is' : 'they are'} (--lead undoes them too).`);
		process.stdout.write(out.map(line => sanitizeLine(line)).join('\n') + '\n');
		return 0;
	} finally {
		store.close();
	}
}

/**
 * Writes a one-shot command's decisions: unlike the review screen, nothing stays in memory to be
 * retried, so a failure says that nothing was written.
 */
async function flushOnce(store: DecisionStore): Promise<void> {
	try {
		await store.flush();
	} catch (error) {
		const reason = (error instanceof Error ? error.message : String(error)).replace(/;?\s*(your )?decisions are kept[^.]*\.?$/i, '');
		throw new DecisionsFileError(`nothing was written: ${reason}; run winnow decide again once that is fixed.`);
	}
}

/** A matched id: its first matched line, that line's content hash, and how many lines with the id the query matches. */
type Matched = {id: string; line: number; hash: string; hashed: boolean; lines: number};
/** A matched sample whose id a line the query does not match has too (`otherLine`): one decision would decide both. */
type Shared = Matched & {otherLine: number};

/**
 * Whether a decision on sample `id` was made on bytes none of its lines holds now (`hash`: this
 * line's). Lines that share an id share its decisions: one made on another of them still covers
 * this line (ContentPresence reads the file for it, only when a line's bytes are not the decided ones).
 */
function staleRecords(common: CommonOptions, store: DecisionStore): (record: DecisionRecord, hash: string, id: string) => boolean {
	const presence = new ContentPresence(common.dataset, common.idField, id => store.hasSample(id) && store.forSample(id).some(record => typeof record.hash === 'string'));
	return (record, hash, id) => madeOnOtherBytes(record, hash) && !presence.holds(id, record.hash!);
}

/** The samples the query matches, in file order, each id once (malformed entries are never decided). */
async function matchingSamples(common: CommonOptions, query: Query, store: DecisionStore, policy: Policy, signals: SignalLookup | undefined, stale: ReturnType<typeof staleRecords>): Promise<{matched: Matched[]; shared: Shared[]; fields: FieldCheck; idWarnings: string[]; malformed: number}> {
	const matcher = new EntryMatcher(query, signals);
	const idCheck = new IdFieldCheck(common.idField, common.idField !== 'id');
	const seen = new Map<string, Matched>();
	const matched: Matched[] = [];
	// Ids of lines the query does not match, with the first such line: a matched id among them is shared by a line left out.
	const unmatched = new Map<string, number>();
	let index = 0;
	let malformedEntries = 0;
	await scanDataset(common.dataset, common.idField, (entry, malformed) => {
		const at = index++;
		idCheck.seeEntry(entry, malformed);
		if (malformed) {
			malformedEntries++;
			return;
		}

		const {id} = entry;
		let records = store.hasSample(id) ? store.forSample(id) : undefined;
		let hash: string | undefined;
		let changed = false;
		if (records?.some(record => typeof record.hash === 'string' && record.verdict !== null)) {
			const bytesHash = contentHash(entry.bytes);
			hash = bytesHash;
			const current = records.filter(record => !stale(record, bytesHash, id));
			changed = current.length < records.length;
			records = current;
		}

		const status = sampleStatus(records, policy);
		if (!matcher.matches(entry.bytes, at, changed ? {...status, changed} : status, () => records)) {
			if (!unmatched.has(id)) unmatched.set(id, entry.lineNumber);
			return;
		}

		const first = seen.get(id);
		if (first) {
			first.lines++;
			return;
		}

		const sample = {id, line: entry.lineNumber, hash: hash ?? contentHash(entry.bytes), hashed: entry.isHashId, lines: 1};
		seen.set(id, sample);
		matched.push(sample);
	});
	const shared = matched.filter(({id}) => unmatched.has(id)).map(sample => ({...sample, otherLine: unmatched.get(sample.id)!}));
	return {matched, shared, fields: matcher.fields, idWarnings: idCheck.warnings(common.dataset), malformed: malformedEntries};
}

/** Values of a repeatable flag, each one of the project's names (ignoring case), spelt as the project spells it. */
function pickFrom(flag: string, values: string[], allowed: readonly string[], what: string): string[] {
	return values.map(value => {
		const found = allowed.find(name => name.toLowerCase() === value.toLowerCase());
		if (!found) throw new UsageError(`unknown ${flag} "${value}": the project's ${what} are ${allowed.join(', ')} (set them in winnow.config.json).`);
		return found;
	});
}

/**
 * What a rule's decision replaces, for --undo-rule to bring back: the reviewer's own record when it
 * holds a verdict, a correction or a note. Re-deciding by the same rule keeps what the rule first replaced:
 * undoing it goes back to before the rule.
 */
function replacedFor(mine: DecisionRecord | undefined, rule: string): ReplacedDecision | undefined {
	if (!mine) return undefined;
	if (mine.verdict !== null && mine.rule === rule) return mine.replaced;
	if (mine.verdict === null && !mine.correction && mine.note === '') return undefined;
	return replacedBy(mine);
}

function replacedBy(record: DecisionRecord): ReplacedDecision {
	const replaced: ReplacedDecision = {verdict: record.verdict, categories: record.categories, note: record.note};
	if (record.resolution) replaced.resolution = true;
	if (record.reasons && record.reasons.length > 0) replaced.reasons = record.reasons;
	if (record.rule !== undefined) replaced.rule = record.rule;
	if (record.correction) replaced.correction = record.correction;
	return replaced;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The command that reverts a rule's decisions, ready to paste, and a note when it cannot be whole: it
 * names the reviewer and the store written to (--db when not the file beside the dataset or when
 * $WINNOW_DB is set, --dataset-name when not the file's name), so it undoes these decisions whoever
 * and whatever $WINNOW_REVIEWER and $WINNOW_DB say where it is pasted. A database's password is
 * never printed (*** in its place).
 */
export function revertCommand(common: CommonOptions, rule: string, env: NodeJS.ProcessEnv = process.env): string[] {
	const words = ['winnow', 'decide', shellQuote(common.dataset), '--undo-rule', quoteRule(rule), '--reviewer', shellQuote(common.reviewer)];
	const {dbSpec} = common;
	let masked = false;
	if (dbSpec.kind === 'postgres') {
		words.push('--db', shellQuote(common.db));
		masked = common.db !== dbSpec.url;
		if (common.datasetName !== basename(common.dataset)) words.push('--dataset-name', shellQuote(common.datasetName));
	} else if (dbSpec.path !== defaultDbPath(common.dataset) || env.WINNOW_DB?.trim()) {
		words.push('--db', shellQuote(dbSpec.path));
	}

	const lines = [`to revert: ${words.join(' ')}`];
	if (masked) lines.push('(*** stands for the database password, which winnow does not print: put it back, or take it out of the URL and set PGPASSWORD or ~/.pgpass)');
	return lines;
}

/** A path as a shell word, ready to paste (quoted when it holds anything a shell reads). */
function shellQuote(text: string): string {
	return /^[\w:.=@%+,\/-]+$/.test(text) ? text : quoteRule(text);
}

/** The rule always in single quotes, the same whatever it holds, ready to paste into --undo-rule or --where. */
function quoteRule(text: string): string {
	return `'${text.replaceAll('\'', '\'\\\'\'')}'`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((value, i) => value === b[i]);
}

function plural(n: number): string {
	return n === 1 ? 'sample' : 'samples';
}

function checkDbIsNotDataset(common: CommonOptions) {
	if (resolve(common.db) === resolve(common.dataset)) throw new UsageError('--db must not be the dataset itself; give another file name.');
}
