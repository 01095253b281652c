/**
 * Batched reads (listing-reads.ts) over a fake collection: the calls they cost against the GETs they replace, for
 * the stacks the rule must serve (one read, a stack that fills the org, a small stack in a large org, every small
 * stack), and what they return when objects are gone, pages fail, or this client wrote.
 */
import * as assert from "node:assert/strict";
import { NotFoundError } from "../../../provider/client/errors";
import { ListingReads, type ListingSource } from "../../../provider/client/listing-reads";

interface Item {
    id: string;
    n: number;
}

/** An org of `size` objects with sortable ids; counts the calls made to it. */
function collection(size: number, opts: { failPages?: boolean; noTotal?: boolean } = {}) {
    const items = Array.from({ length: size }, (_, n) => ({ id: `id${String(n).padStart(6, "0")}`, n }));
    const calls = { pages: 0, gets: 0 };
    const source: ListingSource<Item> = {
        async page(skip, limit) {
            calls.pages++;
            await new Promise((r) => setImmediate(r));
            if (opts.failPages) throw new Error("listing failed");
            return { items: items.slice(skip, skip + limit), total: opts.noTotal ? undefined : items.length };
        },
        async get(key) {
            calls.gets++;
            await new Promise((r) => setImmediate(r));
            const hit = items.find((i) => i.id === key);
            if (!hit) throw new NotFoundError({ method: "GET", path: `/x/${key}`, status: 404 });
            return hit;
        },
        keyOf: (i) => i.id,
    };
    return { items, calls, source, total: () => calls.pages + calls.gets };
}

/** Reads `keys` as the engine's refresh does: `parallel` in flight, the next one sent as each returns. */
async function refresh(reads: ListingReads<Item>, keys: string[], parallel = 8): Promise<Item[]> {
    const out: Item[] = [];
    let next = 0;
    await Promise.all(
        Array.from({ length: parallel }, async () => {
            while (next < keys.length) {
                const key = keys[next++]!;
                out.push(await reads.read(key));
            }
        }),
    );
    return out;
}

/** A seeded choice of `count` distinct ids from `items`, in random order. */
function sample(items: Item[], count: number, seed: number): string[] {
    let state = seed;
    const random = () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31;
    };
    const pool = items.map((i) => i.id);
    for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, count);
}

describe("batched reads (ListingReads)", () => {
    it("a lone read is one GET: no probe", async () => {
        const org = collection(500);
        const reads = new ListingReads(org.source);
        assert.deepEqual(await reads.read("id000007"), { id: "id000007", n: 7 });
        assert.deepEqual(org.calls, { pages: 0, gets: 1 });
    });

    it("a stack that fills the org (1,000 of 1,000, read in creation order): 11 calls", async () => {
        const org = collection(1000);
        const reads = new ListingReads(org.source);
        const got = await refresh(
            reads,
            org.items.map((i) => i.id),
        );
        assert.equal(got.length, 1000);
        assert.ok(org.total() <= Math.ceil(1000 / 100) + 5, `${org.total()} calls`);
        assert.equal(org.total(), 11, JSON.stringify(org.calls));
    });

    it("the same stack read in random order stays within a few calls of the listing", async () => {
        const org = collection(1000);
        const reads = new ListingReads(org.source);
        await refresh(reads, sample(org.items, 1000, 7));
        assert.ok(org.total() <= 30, `${org.total()} calls: ${JSON.stringify(org.calls)}`);
    });

    it("50 groups in an org of 10,000: at most 51 calls, never the 100-page listing", async () => {
        for (const seed of [1, 2, 3, 4, 5]) {
            const org = collection(10_000);
            const reads = new ListingReads(org.source);
            await refresh(reads, sample(org.items, 50, seed));
            assert.ok(org.total() <= 51, `seed ${seed}: ${org.total()} calls`);
        }
    });

    it("any stack of N <= 100 costs at most N + 1 calls, whatever the org's size and the read order", async () => {
        for (const size of [1, 20, 99, 100, 101, 250, 900, 1000, 5000]) {
            for (const n of [1, 2, 7, 8, 9, 10, 50, 100]) {
                if (n > size) continue;
                for (const seed of [11, 12]) {
                    const org = collection(size);
                    const reads = new ListingReads(org.source);
                    const keys = seed === 11 ? org.items.slice(0, n).map((i) => i.id) : sample(org.items, n, seed);
                    await refresh(reads, keys);
                    assert.ok(org.total() <= n + 1, `org ${size}, stack ${n}, seed ${seed}: ${org.total()} calls`);
                }
            }
        }
    });

    it("an object absent from a complete listing is confirmed by a GET, then reported gone", async () => {
        const org = collection(30);
        const reads = new ListingReads(org.source);
        await refresh(
            reads,
            org.items.map((i) => i.id),
        );
        const before = org.calls.gets;
        await assert.rejects(reads.read("id999999"), NotFoundError);
        assert.equal(org.calls.gets, before + 1);
    });

    it("a failed page falls back to GETs, and every read still gets its answer", async () => {
        const org = collection(300, { failPages: true });
        const reads = new ListingReads(org.source);
        const got = await refresh(
            reads,
            org.items.map((i) => i.id),
        );
        assert.equal(got.length, 300);
        assert.equal(org.calls.pages, 1, "one failed probe, then no more listing");
        assert.equal(org.calls.gets, 300);
    });

    it("without x-total-count it never lists beyond the probe (the size is unknown), and stays correct", async () => {
        const org = collection(1000, { noTotal: true });
        const reads = new ListingReads(org.source);
        const got = await refresh(
            reads,
            org.items.map((i) => i.id),
        );
        assert.equal(got.length, 1000);
        assert.equal(org.calls.pages, 1);
        assert.ok(org.total() <= 1000 + 1);
    });

    it("objects this client writes stay true: a remembered change and a forgotten delete", async () => {
        const org = collection(50);
        const reads = new ListingReads(org.source);
        await refresh(
            reads,
            org.items.map((i) => i.id),
        );
        reads.remember({ id: "id000003", n: 333 });
        assert.deepEqual(await reads.read("id000003"), { id: "id000003", n: 333 });
        reads.forget("id000004");
        const gets = org.calls.gets;
        await reads.read("id000004");
        assert.equal(org.calls.gets, gets + 1, "a forgotten object is read again");
    });

    it("a listing older than the TTL is learned again", async () => {
        let now = 1_000;
        const org = collection(50);
        const reads = new ListingReads(org.source, { ttlMs: 500, now: () => now });
        await refresh(
            reads,
            org.items.map((i) => i.id),
        );
        const pages = org.calls.pages;
        now += 1_000;
        await refresh(reads, ["id000001", "id000002"]);
        assert.equal(org.calls.pages, pages + 1, "a new probe");
    });

    it("returns copies: a caller that changes a result does not change the next read", async () => {
        const org = collection(20);
        const reads = new ListingReads(org.source);
        await refresh(
            reads,
            org.items.map((i) => i.id),
        );
        const a = await reads.read("id000005");
        a.n = -1;
        assert.equal((await reads.read("id000005")).n, 5);
    });
});
