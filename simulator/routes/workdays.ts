/**
 * Workday import: the singleton instance ("Workday Import"), its authorisation, import jobs and their results, and
 * the workers of the Workday report. Credentials are checked for presence and then dropped: never stored or echoed.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { orgOf, type SimulatorContext } from "../context";
import { badRequest, notFound } from "../errors";
import { parseListQuery } from "../list-query";
import { schema } from "../schemas";
import { type ImportUser, WORKDAY_NAME, type WorkdayDoc } from "../store/workdays";
import { objectIdParam, rawQuery, sendJson, sendPage } from "./reply-helpers";

interface AuthInput {
    basic?: { username?: string; password?: string };
    oauth?: { code?: string };
}

/** 400 unless basic credentials are present (OAuth is not supported by the API). */
function requireBasicAuth(auth: AuthInput | undefined, field: string): void {
    const basic = auth?.basic;
    if (basic?.username && basic.password) return;
    if (auth?.oauth && !basic) throw badRequest(`${field}.oauth is not supported: use ${field}.basic`);
    throw badRequest(`${field}.basic.username and ${field}.basic.password are required`);
}

function requireWorkdayName(name: unknown): void {
    if (name !== undefined && name !== WORKDAY_NAME) {
        throw badRequest(`name must be "${WORKDAY_NAME}" (the only Workday instance name allowed)`);
    }
}

const importBodySchema = { type: "array", items: schema("bulk-user-create") };

/** Registers the Workday routes (relative to /api/v2). */
export function registerWorkdayRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    const workdays = ctx.store.workdays;

    const load = (orgId: string, id: string): WorkdayDoc => {
        const workday = workdays.get(orgId, id);
        if (!workday) throw notFound("workday");
        return workday;
    };

    /** The caller's org and the instance named by the path (404 when it is not in that org). */
    const workdayOf = (request: FastifyRequest, param: string): { orgId: string; workday: WorkdayDoc } => {
        const orgId = orgOf(request);
        return { orgId, workday: load(orgId, objectIdParam(request.params, param)) };
    };

    /** Read-modify-write of an instance inside one queued write, so concurrent changes never overwrite each other. */
    const change = (orgId: string, id: string, edit: (workday: WorkdayDoc) => void): Promise<WorkdayDoc> =>
        ctx.store.write(() => {
            const workday = load(orgId, id);
            edit(workday);
            workdays.save(orgId, workday);
            return workday;
        });

    app.get("/workdays", async (request, reply) => {
        const query = parseListQuery(rawQuery(request.query));
        return sendPage(reply, workdays.list(orgOf(request), query), query.fields);
    });

    app.post("/workdays", { schema: { body: schema("workday-input") } }, async (request, reply) => {
        const orgId = orgOf(request);
        const body = request.body as { name?: string; reportUrl?: string; auth?: AuthInput };
        requireWorkdayName(body.name);
        if (!body.reportUrl) throw badRequest("reportUrl is required");
        requireBasicAuth(body.auth, "auth");
        const reportUrl = body.reportUrl;
        const doc = await ctx.store.write(() => workdays.create(orgId, reportUrl));
        return sendJson(reply, 201, JSON.stringify(doc));
    });

    app.get("/workdays/:id", async (request, reply) => {
        const { workday } = workdayOf(request, "id");
        return sendJson(reply, 200, JSON.stringify(workday));
    });

    app.put("/workdays/:id", { schema: { body: schema("workday-fields") } }, async (request, reply) => {
        const body = request.body as { name?: string; reportUrl?: string };
        requireWorkdayName(body.name);
        const { orgId, workday } = workdayOf(request, "id");
        const saved = await change(orgId, workday.id, (w) => {
            if (body.reportUrl !== undefined) w.reportUrl = body.reportUrl;
        });
        return sendJson(reply, 200, JSON.stringify(saved));
    });

    app.post(
        "/workdays/:workday_id/auth",
        { schema: { body: schema("auth-input-object") } },
        async (request, reply) => {
            const { orgId, workday } = workdayOf(request, "workday_id");
            requireBasicAuth((request.body as { auth?: AuthInput }).auth, "auth");
            await change(orgId, workday.id, (w) => workdays.setAuthorized(w, true));
            return reply.code(204).send();
        },
    );

    app.delete("/workdays/:workday_id/auth", async (request, reply) => {
        const { orgId, workday } = workdayOf(request, "workday_id");
        await change(orgId, workday.id, (w) => workdays.setAuthorized(w, false));
        return reply.code(204).send();
    });

    app.post("/workdays/:workday_id/import", { schema: { body: importBodySchema } }, async (request, reply) => {
        const { orgId, workday } = workdayOf(request, "workday_id");
        const users = request.body as ImportUser[];
        if (users.length === 0) throw badRequest("body must contain at least one user");
        users.forEach((user, i) => {
            // A JumpCloud user needs both; uniqueness of imports is judged on them.
            if (!user.username) throw badRequest(`body[${i}].username is required`);
            if (!user.email) throw badRequest(`body[${i}].email is required`);
        });
        if (!workday.auth.basic.isValid) {
            throw badRequest("the Workday instance is not authorized: POST /workdays/{workday_id}/auth first");
        }
        const readyAt = Date.now() + ctx.importDelayMs;
        const jobId = await ctx.store.write(() => workdays.startImport(orgId, load(orgId, workday.id), users, readyAt));
        return sendJson(reply, 201, JSON.stringify({ jobId }));
    });

    app.get("/workdays/:id/import/:job_id/results", async (request, reply) => {
        const { orgId, workday } = workdayOf(request, "id");
        const jobId = objectIdParam(request.params, "job_id");
        const query = parseListQuery(rawQuery(request.query));
        // Only limit and skip apply to results (the spec lists no filter, sort or fields here).
        const page = workdays.results(orgId, workday.id, jobId, { ...query, sort: [], filters: [] }, Date.now());
        if (!page) throw notFound("import job");
        return sendPage(reply, page);
    });

    app.get("/workdays/:workday_id/workers", async (request, reply) => {
        const { orgId } = workdayOf(request, "workday_id");
        const query = parseListQuery(rawQuery(request.query));
        return sendPage(reply, workdays.workers(orgId, query), query.fields);
    });
}
