import {randomUUID} from 'node:crypto';
import type {Client, Notification} from 'pg';
import {DecisionsFileError} from '../errors.js';
import {connect, connectionProblem, maskUrl} from './connection.js';

/** First wait before reconnecting (ms); doubled after each failure up to maxBackoff. */
const firstBackoff = 200;
const maxBackoff = 5000;

export type SessionEvent = {dataset: number; session: string; kind: 'decisions' | 'live'};

/**
 * One process's connection to the database: every statement of the store, the live channel and
 * the position goes through it one at a time (a transaction never interleaves with another
 * statement). When the connection drops (a restart, a network drop, pg_terminate_backend) the
 * statements fail at once with one sentence, and it reconnects in the background with growing
 * waits; whoever listens hears `reconnected` and catches up.
 */
export class PgSession {
	/** This process on the database: names its leases, presence and log rows. */
	readonly id = randomUUID();
	readonly channel: string;
	private client: Client | undefined;
	/** Statements waiting for the connection: decisions' writes first (see run). */
	private readonly urgent: Array<() => Promise<void>> = [];
	private readonly waiting: Array<() => Promise<void>> = [];
	/** Settles when the statement on the connection now and those waiting have run. */
	private idle: Promise<void> = Promise.resolve();
	private draining = false;
	private backoff = firstBackoff;
	private reconnecting: NodeJS.Timeout | undefined;
	private closed = false;
	private readonly listeners = new Set<(event: SessionEvent) => void>();
	private readonly reconnectListeners = new Set<() => void>();
	/** Why the last statement failed, while the database cannot be reached. */
	problem: string | undefined;

	private constructor(readonly url: string, client: Client, readonly schema: string) {
		this.channel = `winnow:${schema}`;
		this.adopt(client);
	}

	static async open(url: string): Promise<PgSession> {
		const client = await connect(url);
		const {rows} = await client.query<{schema: string | null}>('select current_schema() as schema');
		return new PgSession(url, client, rows[0].schema ?? 'public');
	}

	get name(): string {
		return maskUrl(this.url);
	}

	get connected(): boolean {
		return this.client !== undefined;
	}

	/**
	 * Runs `work` with the connection once the statements queued before it have run. `urgent` work
	 * (a decision's write) goes before any that is still waiting (presence, leases, the position):
	 * a key's commit never waits behind the screen's other traffic, only behind the one statement
	 * on the connection now.
	 */
	async run<T>(work: (client: Client) => Promise<T>, urgent = false): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			(urgent ? this.urgent : this.waiting).push(async () => {
				try {
					resolve(await this.attempt(work));
				} catch (error) {
					reject(error as Error);
				}
			});
			this.drain();
		});
	}

	private drain() {
		if (this.draining) return;
		this.draining = true;
		this.idle = (async () => {
			for (let job = this.urgent.shift() ?? this.waiting.shift(); job; job = this.urgent.shift() ?? this.waiting.shift()) {
				// Each job settles its own promise and never throws.
				await job();
			}

			this.draining = false;
		})();
	}

	private async attempt<T>(work: (client: Client) => Promise<T>): Promise<T> {
		const {client} = this;
		if (!client) throw this.unreachable();
		try {
			return await work(client);
		} catch (error) {
			if (isConnectionError(error) || this.client !== client) {
				this.lost(client, error);
				throw this.unreachable();
			}

			throw error;
		}
	}

	onEvent(listener: (event: SessionEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	onReconnect(listener: () => void): () => void {
		this.reconnectListeners.add(listener);
		return () => this.reconnectListeners.delete(listener);
	}

	/** Tells the other processes on this database (delivered when the current transaction commits). */
	async notify(client: Client, dataset: number, kind: SessionEvent['kind']): Promise<void> {
		await client.query('select pg_notify($1, $2)', [this.channel, JSON.stringify({dataset, session: this.id, kind})]);
	}

	/** Ends the connection once the statements already queued have run (bounded by `limit` ms). */
	async close(limit = 2000): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (this.reconnecting) clearTimeout(this.reconnecting);
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([this.idle, new Promise(resolve => {
			timer = setTimeout(resolve, limit);
		})]);
		clearTimeout(timer);
		const {client} = this;
		this.client = undefined;
		await client?.end().catch(() => undefined);
	}

	private adopt(client: Client) {
		this.client = client;
		this.problem = undefined;
		this.backoff = firstBackoff;
		client.on('notification', (message: Notification) => {
			this.heard(message);
		});
		client.on('error', error => {
			this.lost(client, error);
		});
		client.on('end', () => {
			this.lost(client, new Error('connection ended'));
		});
		void client.query(`listen ${client.escapeIdentifier(this.channel)}`).catch((error: unknown) => {
			this.lost(client, error);
		});
	}

	private heard(message: Notification) {
		if (message.channel !== this.channel || !message.payload) return;
		let event: SessionEvent;
		try {
			event = JSON.parse(message.payload) as SessionEvent;
		} catch {
			return;
		}

		if (event.session === this.id) return;
		for (const listener of this.listeners) listener(event);
	}

	private lost(client: Client, error: unknown) {
		if (this.client !== client) return;
		this.client = undefined;
		this.problem = connectionProblem(error);
		client.removeAllListeners('notification');
		client.end().catch(() => undefined);
		this.scheduleReconnect();
	}

	private scheduleReconnect() {
		if (this.closed || this.reconnecting) return;
		this.reconnecting = setTimeout(() => {
			void this.reconnect();
		}, this.backoff);
		this.reconnecting.unref();
	}

	private async reconnect() {
		this.reconnecting = undefined;
		if (this.closed) return;
		try {
			const client = await connect(this.url);
			if (this.closed) {
				await client.end().catch(() => undefined);
				return;
			}

			if (this.schema !== 'public') await client.query(`set search_path to ${client.escapeIdentifier(this.schema)}`);
			this.adopt(client);
		} catch (error) {
			this.problem = error instanceof DecisionsFileError ? this.problem : connectionProblem(error);
			this.backoff = Math.min(this.backoff * 2, maxBackoff);
			this.scheduleReconnect();
			return;
		}

		for (const listener of this.reconnectListeners) listener();
	}

	private unreachable(): DecisionsFileError {
		this.scheduleReconnect();
		return new DecisionsFileError(`${this.name} cannot be reached (${this.problem ?? 'no connection'}); decisions are kept in memory and will be written when it is back.`);
	}
}

/** Errors after which the connection is no use: the statement may be retried on a new one. */
function isConnectionError(error: unknown): boolean {
	const {code, message} = error as {code?: string; message?: string};
	if (code && /^(08|57P)/.test(code)) return true;
	if (code && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) return true;
	return /Connection terminated|not queryable|Client was closed|connection ended/i.test(message ?? '');
}
