/**
 * The service-account token cache in virtual time: one fetch however many callers, reuse until shortly before
 * expiry, a new fetch after a refusal of the current token only, failures shared and not cached, aborts per caller.
 */
import assert from "node:assert/strict";
import sinon from "sinon";
import {
    type IssuedToken,
    RENEW_BEFORE_EXPIRY_MS,
    renewalTime,
    sharedTokenCache,
    TokenCache,
} from "../../../provider/client/token-cache";

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** A token endpoint in virtual time: answers after `delayMs` with token-1, token-2, ... */
function endpoint(lifetimeMs: number | undefined, delayMs = 50) {
    let issued = 0;
    const fetch = sinon.spy(async (): Promise<IssuedToken> => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        issued++;
        return { accessToken: `token-${issued}`, expiresInMs: lifetimeMs };
    });
    return { fetch, count: () => fetch.callCount };
}

describe("service-account token cache (virtual time)", () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: T0 });
    });
    afterEach(() => clock.restore());

    it("renews 30 s before expiry, or a tenth of a short lifetime; never without a lifetime", () => {
        assert.equal(RENEW_BEFORE_EXPIRY_MS, 30_000);
        assert.equal(renewalTime(T0, HOUR), T0 + HOUR - 30_000);
        assert.equal(renewalTime(T0, 2_000), T0 + 1_800);
        assert.equal(renewalTime(T0, undefined), Number.POSITIVE_INFINITY);
    });

    it("fetches once for 20 concurrent callers, and serves the cached token without a fetch", async () => {
        const cache = new TokenCache();
        const api = endpoint(HOUR);
        const all = Promise.all(Array.from({ length: 20 }, () => cache.token(api.fetch)));
        await clock.tickAsync(50);
        assert.deepEqual(new Set(await all), new Set(["token-1"]));
        assert.equal(api.count(), 1);
        await clock.tickAsync(HOUR / 2);
        assert.equal(await cache.token(api.fetch), "token-1");
        assert.equal(api.count(), 1, "still valid: no second fetch");
    });

    it("fetches a new token once the renewal time (counted from the request) has come", async () => {
        const cache = new TokenCache();
        const api = endpoint(HOUR);
        const first = cache.token(api.fetch);
        await clock.tickAsync(50);
        assert.equal(await first, "token-1");
        // Requested at T0: renewed from T0 + 1 h - 30 s on, although it arrived 50 ms later.
        clock.setSystemTime(T0 + HOUR - 30_001);
        assert.equal(await cache.token(api.fetch), "token-1");
        clock.setSystemTime(T0 + HOUR - 30_000);
        const renewed = Promise.all([cache.token(api.fetch), cache.token(api.fetch)]);
        await clock.tickAsync(50);
        assert.deepEqual(await renewed, ["token-2", "token-2"]);
        assert.equal(api.count(), 2);
    });

    it("after a refusal of the current token, concurrent callers share one new fetch", async () => {
        const cache = new TokenCache();
        const api = endpoint(HOUR);
        const first = cache.token(api.fetch);
        await clock.tickAsync(50);
        const refused = await first;
        // Three calls were refused the same token at once: the first refusal forgets it, the others change nothing.
        cache.refused(refused);
        cache.refused(refused);
        const again = Promise.all([cache.token(api.fetch), cache.token(api.fetch), cache.token(api.fetch)]);
        cache.refused(refused);
        await clock.tickAsync(50);
        assert.deepEqual(await again, ["token-2", "token-2", "token-2"]);
        assert.equal(api.count(), 2);
        // A late refusal of the old token leaves the new one alone.
        cache.refused("token-1");
        assert.equal(await cache.token(api.fetch), "token-2");
        assert.equal(api.count(), 2);
    });

    it("a failed fetch reaches every waiting caller, is not cached, and the next caller fetches again", async () => {
        const cache = new TokenCache();
        let calls = 0;
        const fetch = async (): Promise<IssuedToken> => {
            calls++;
            await new Promise((resolve) => setTimeout(resolve, 10));
            if (calls === 1) throw new Error("token endpoint down");
            return { accessToken: "token-ok", expiresInMs: HOUR };
        };
        const waiting = [cache.token(fetch), cache.token(fetch)].map((p) =>
            p.then(
                () => "resolved",
                (e: Error) => e.message,
            ),
        );
        await clock.tickAsync(10);
        assert.deepEqual(await Promise.all(waiting), ["token endpoint down", "token endpoint down"]);
        const next = cache.token(fetch);
        await clock.tickAsync(10);
        assert.equal(await next, "token-ok");
        assert.equal(calls, 2);
    });

    it("an abort rejects that caller at once; the fetch goes on for the others", async () => {
        const cache = new TokenCache();
        const api = endpoint(HOUR, 1_000);
        const controller = new AbortController();
        const aborted = cache.token(api.fetch, controller.signal).then(
            () => "resolved",
            (e: unknown) => e,
        );
        const patient = cache.token(api.fetch);
        await clock.tickAsync(100);
        const reason = new Error("stop");
        controller.abort(reason);
        assert.equal(await aborted, reason);
        await clock.tickAsync(900);
        assert.equal(await patient, "token-1");
        assert.equal(api.count(), 1);
        await assert.rejects(cache.token(api.fetch, AbortSignal.abort(reason)), (e) => e === reason);
    });

    it("a token without a lifetime is kept until the API refuses it", async () => {
        const cache = new TokenCache();
        const api = endpoint(undefined);
        const first = cache.token(api.fetch);
        await clock.tickAsync(50);
        await first;
        clock.setSystemTime(T0 + 30 * 24 * HOUR);
        assert.equal(await cache.token(api.fetch), "token-1");
        cache.refused("token-1");
        const second = cache.token(api.fetch);
        await clock.tickAsync(50);
        assert.equal(await second, "token-2");
    });

    it("remembers the last few tokens handed out, for scrubbing", async () => {
        const cache = new TokenCache();
        const api = endpoint(HOUR, 1);
        for (let i = 0; i < 6; i++) {
            const next = cache.token(api.fetch);
            await clock.tickAsync(1);
            cache.refused(await next);
        }
        assert.deepEqual(cache.known(), ["token-3", "token-4", "token-5", "token-6"]);
    });

    it("is shared by URL, client id and secret: another secret is another cache", () => {
        const a = sharedTokenCache("https://t.example/oauth2/token", "id-1", "secret-1");
        assert.equal(sharedTokenCache("https://t.example/oauth2/token", "id-1", "secret-1"), a);
        assert.notEqual(sharedTokenCache("https://t.example/oauth2/token", "id-1", "secret-2"), a);
        assert.notEqual(sharedTokenCache("https://eu.example/oauth2/token", "id-1", "secret-1"), a);
    });
});
