/**
 * Reads of single objects served from whole listings, once a listing has paid for itself.
 *
 * Why: a refresh reads every resource of a stack, one GET each, while the API lists 100 objects per call. One
 * provider process serves every read of a run, so reads of one collection that arrive together can share pages.
 * The catch is that the process does not know how many reads will come: listing an org of 10,000 groups for a
 * stack of 50 would cost 100 calls instead of 50. The rule below never lets that happen.
 *
 * How it decides. The first read alone is a plain GET (a one-resource stack costs what it always did). From the
 * second read on, one probe fetches the first page (sorted on the unique key, so pages neither miss nor repeat
 * objects) and learns the collection's size from `x-total-count`. Reads found in fetched pages are served from
 * memory. For the others, the remaining pages are listed only when the reads seen so far that pages already served
 * (F), plus the reads waiting now (W), plus one, are at least the whole listing's pages (P): P <= F + W + 1. Then
 * the calls spent are at most the probe plus one per read, which is what GETs would have cost plus the probe,
 * whatever comes next. Otherwise the waiting reads are GETs. Stacks created by Pulumi fill pages in id order
 * (ObjectIds grow with creation time, and a refresh reads in creation order), so a large stack's first reads are
 * served by the probe and pay for the listing at the first miss: 1,000 groups cost about 11 calls.
 *
 * What it guarantees: a read returns what a GET would have returned at the time of the listing or later; an object
 * absent from a complete listing is confirmed by a GET before it is reported gone; a failed page falls back to GETs
 * for the rest of the process; objects this client writes are kept true in memory; a listing older than `ttlMs` is
 * dropped and learned again.
 */

/** Where a {@link ListingReads} gets its objects. */
export interface ListingSource<T> {
    /**
     * One page of the whole collection sorted on its unique key, with every field a single GET returns, and the
     * collection's size when the API reported it (`x-total-count`).
     */
    page(skip: number, limit: number): Promise<{ items: T[]; total: number | undefined }>;
    /** One object by key; rejects with a `NotFoundError` when it does not exist. */
    get(key: string): Promise<T>;
    /** The unique key of an object. */
    keyOf(item: T): string;
}

/** Options of {@link ListingReads}. */
export interface ListingReadsOptions {
    /** Objects per page. @default 100 */
    pageSize?: number;
    /** How long a listing serves reads, in milliseconds. @default 60000 */
    ttlMs?: number;
    /** For tests: the clock. @default Date.now */
    now?: () => number;
}

/** What a {@link ListingReads} has spent and saved, for tests and benchmarks. */
export interface ListingReadsStats {
    reads: number;
    /** Reads answered from fetched pages. */
    servedFromPages: number;
    /** Pages fetched (the probe included). */
    pages: number;
    /** Single-object GETs (misses, lone reads, confirmations of absent objects). */
    gets: number;
}

interface Waiting<T> {
    key: string;
    resolve(item: T): void;
    reject(error: unknown): void;
}

/** Serves single-object reads of one collection (one org's groups, one user's devices). */
export class ListingReads<T> {
    private readonly pageSize: number;
    private readonly ttlMs: number;
    private readonly now: () => number;
    /** Objects of the fetched pages, and those this client wrote since. */
    private known = new Map<string, T>();
    private pagesFetched = 0;
    /** Pages of the whole listing, once the probe learned the collection's size. */
    private pagesTotal: number | undefined;
    private complete = false;
    /** A page failed: no more listing in this process, GETs only. */
    private listingFailed = false;
    private fetchedAt = 0;
    /** The probe or the listing in flight, shared by every read that waits for it. */
    private fetching: Promise<void> | undefined;
    private waiting: Waiting<T>[] = [];
    private flushScheduled = false;
    private readonly counts: ListingReadsStats = { reads: 0, servedFromPages: 0, pages: 0, gets: 0 };

    constructor(
        private readonly source: ListingSource<T>,
        options: ListingReadsOptions = {},
    ) {
        this.pageSize = options.pageSize ?? 100;
        this.ttlMs = options.ttlMs ?? 60_000;
        this.now = options.now ?? Date.now;
    }

    /** What was spent and saved so far. */
    get stats(): Readonly<ListingReadsStats> {
        return { ...this.counts };
    }

    /** The object with this key; rejects with a `NotFoundError` when it does not exist. */
    read(key: string): Promise<T> {
        this.counts.reads++;
        this.expireIfStale();
        const hit = this.known.get(key);
        if (hit !== undefined) {
            this.counts.servedFromPages++;
            return Promise.resolve(structuredClone(hit));
        }
        // A lone first read is a plain GET: a one-object stack must not pay for a probe.
        if (this.counts.reads === 1) return this.get(key);
        return new Promise<T>((resolve, reject) => {
            this.waiting.push({ key, resolve, reject });
            if (!this.flushScheduled) {
                this.flushScheduled = true;
                // Reads the engine sends together arrive within a few event-loop turns: wait one macrotask.
                setImmediate(() => void this.flush());
            }
        });
    }

    /** Keeps a listing true after this client created or changed `item`. */
    remember(item: T): void {
        if (this.pagesFetched > 0) this.known.set(this.source.keyOf(item), structuredClone(item));
    }

    /** Keeps a listing true after this client deleted the object with `key`. */
    forget(key: string): void {
        this.known.delete(key);
    }

    private expireIfStale(): void {
        if (this.pagesFetched > 0 && this.fetching === undefined && this.now() - this.fetchedAt > this.ttlMs) {
            this.known = new Map();
            this.pagesFetched = 0;
            this.pagesTotal = undefined;
            this.complete = false;
        }
    }

    private async get(key: string): Promise<T> {
        this.counts.gets++;
        return this.source.get(key);
    }

    private async flush(): Promise<void> {
        this.flushScheduled = false;
        const batch = this.waiting.splice(0);
        try {
            if (!this.listingFailed && this.pagesFetched === 0) await this.share(() => this.fetchPages(0, 1));
            else if (this.fetching !== undefined) await this.fetching;
            let misses = this.serve(batch);
            if (misses.length > 0 && this.shouldList(misses.length)) {
                await this.share(() => this.fetchPages(this.pagesFetched, this.pagesTotal ?? 0));
                misses = this.serve(misses);
            }
            for (const miss of misses) this.get(miss.key).then(miss.resolve, miss.reject);
        } catch (error) {
            for (const w of batch) w.reject(error);
        }
    }

    /** Answers the reads the fetched pages hold; returns the others. */
    private serve(batch: Waiting<T>[]): Waiting<T>[] {
        const misses: Waiting<T>[] = [];
        for (const w of batch) {
            const hit = this.known.get(w.key);
            if (hit !== undefined) {
                this.counts.servedFromPages++;
                w.resolve(structuredClone(hit));
            } else misses.push(w);
        }
        return misses;
    }

    /** P <= F + W + 1: the listing costs no more than GETs plus the probe would, whatever the future holds. */
    private shouldList(waiting: number): boolean {
        if (this.complete || this.listingFailed || this.pagesTotal === undefined) return false;
        return this.pagesTotal <= this.counts.servedFromPages + waiting + 1;
    }

    /** Runs `fetch` unless one is in flight, and waits for whichever is. */
    private share(fetch: () => Promise<void>): Promise<void> {
        this.fetching ??= fetch().finally(() => {
            this.fetching = undefined;
        });
        return this.fetching;
    }

    /** Fetches pages [from, to) in parallel (the client's rate budget paces them); a failure ends listing. */
    private async fetchPages(from: number, to: number): Promise<void> {
        const numbers = Array.from({ length: Math.max(1, to - from) }, (_, i) => from + i);
        let pages: Array<{ items: T[]; total: number | undefined }>;
        try {
            pages = await Promise.all(
                numbers.map((n) => {
                    this.counts.pages++;
                    return this.source.page(n * this.pageSize, this.pageSize);
                }),
            );
        } catch {
            // The reads still get their answers, from GETs.
            this.listingFailed = true;
            return;
        }
        if (this.pagesFetched === 0) this.fetchedAt = this.now();
        for (const page of pages) for (const item of page.items) this.known.set(this.source.keyOf(item), item);
        this.pagesFetched = from + pages.length;
        const first = pages[0];
        if (from === 0 && first !== undefined && first.total !== undefined) {
            this.pagesTotal = Math.max(1, Math.ceil(first.total / this.pageSize));
        }
        const last = pages[pages.length - 1];
        this.complete =
            (last !== undefined && last.items.length < this.pageSize) ||
            (this.pagesTotal !== undefined && this.pagesFetched >= this.pagesTotal);
    }
}
