import * as assert from "node:assert/strict";
import {
    clientTimeline,
    countByMethod,
    formatByMethod,
    tallyClientLog,
    tallyRateLimit,
} from "../../../bench/lib/request-log";

const call = (seq: number, method: string, status: number) => ({ seq, method, path: "/usergroups", status });

describe("bench request log", () => {
    it("counts requests by method, sorted", () => {
        const counts = countByMethod([call(1, "PUT", 200), call(2, "GET", 200), call(3, "PUT", 200)]);
        assert.deepEqual(Object.entries(counts), [
            ["GET", 1],
            ["PUT", 2],
        ]);
        assert.equal(formatByMethod(counts), "GET 1, PUT 2");
        assert.equal(formatByMethod({}), "none");
    });

    it("counts the 429s that came after the first one, in log order", () => {
        const tally = tallyRateLimit([
            call(5, "POST", 429),
            call(1, "POST", 201),
            call(3, "POST", 429),
            call(4, "POST", 201),
            call(2, "POST", 500),
        ]);
        assert.deepEqual(tally, { total: 5, rejected: 2, rejectedAfterFirst: 1, succeeded: 2 });
    });

    it("reports no rejection when the client stayed under the limit", () => {
        assert.equal(tallyRateLimit([call(1, "POST", 201)]).rejectedAfterFirst, 0);
    });

    describe("the client's log", () => {
        const at = (pid: number, call: number, rest: string) =>
            `2026-11-29T07:00:00.000Z pid=${pid} debug JumpCloud #${call} POST /usergroups ${rest}`;
        const sent = (pid: number, call: number, attempt = 1) => at(pid, call, `attempt ${attempt} sent`);
        const answer = (pid: number, call: number, status: number, attempt = 1) =>
            at(pid, call, `-> ${status} (2 ms, attempt ${attempt})`);

        it("tells 429s in flight from 429s sent after the client knew, retries and processes apart", () => {
            const log = [
                sent(7, 1),
                sent(7, 2),
                sent(7, 3),
                answer(7, 1, 201),
                answer(7, 2, 429), // the first 429
                "2026-11-29T07:00:00.000Z pid=7 warn JumpCloud #2 POST /usergroups -> 429; retrying in 1000 ms",
                answer(7, 3, 429), // sent before the first 429 came back: in flight
                sent(8, 3), // another process's call #3
                sent(7, 2, 2),
                answer(7, 2, 429, 2), // the retry, sent after: beyond a known limit
                answer(8, 3, 429), // sent after too
                sent(7, 4),
                answer(7, 4, 201),
                "",
            ].join("\n");
            assert.deepEqual(tallyClientLog(log), {
                sent: 6,
                refused: 4,
                refusedInFlight: 1,
                refusedAfterClientKnew: 2,
            });
        });

        it("counts an answer whose 'sent' line is missing against the client", () => {
            const log = [sent(1, 1), sent(1, 2), answer(1, 1, 429), answer(1, 9, 429)].join("\n");
            assert.equal(tallyClientLog(log).refusedAfterClientKnew, 1);
        });

        it("reads a clean run as no refusal at all", () => {
            assert.deepEqual(tallyClientLog([sent(1, 1), answer(1, 1, 201)].join("\n")), {
                sent: 1,
                refused: 0,
                refusedInFlight: 0,
                refusedAfterClientKnew: 0,
            });
        });
    });

    it("reads a runner's timeline from its client log: attempts, 429s, first send and last answer", () => {
        const line = (time: string, rest: string) => `${time} pid=7 debug JumpCloud #1 POST /usergroups ${rest}`;
        const timeline = clientTimeline(
            [
                line("2026-12-01T10:00:00.100Z", "attempt 1 sent"),
                line("2026-12-01T10:00:00.150Z", "-> 429 (5 ms, attempt 1)"),
                "2026-12-01T10:00:00.150Z pid=7 warn JumpCloud #1 POST /usergroups -> 429; retrying in 1000 ms (attempt 2 of 6)",
                line("2026-12-01T10:00:01.200Z", "attempt 2 sent"),
                line("2026-12-01T10:00:01.250Z", "-> 201 (4 ms, attempt 2)"),
                "not a log line",
            ].join("\n"),
        );
        assert.deepEqual(timeline, {
            sent: 2,
            refused: 1,
            firstSentMs: Date.parse("2026-12-01T10:00:00.100Z"),
            lastAnswerMs: Date.parse("2026-12-01T10:00:01.250Z"),
        });
        assert.deepEqual(clientTimeline(""), { sent: 0, refused: 0 });
    });
});
