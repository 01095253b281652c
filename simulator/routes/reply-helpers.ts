/**
 * Small helpers the route files share: id checks and sending stored JSON text without re-serialising it.
 */
import type { FastifyReply } from "fastify";
import { badRequest } from "../errors";
import type { RawQuery } from "../list-query";
import { renderPage } from "../list-query";
import { isObjectId } from "../object-id";
import type { Page } from "../store/statement-cache";

/** The path parameter `name`, checked to be a 24-hex ObjectId (400 "Malformed ID" otherwise), lower-cased. */
export function objectIdParam(params: unknown, name: string): string {
    const value = (params as Record<string, string | undefined>)[name];
    if (!isObjectId(value)) throw badRequest(`Malformed ID: ${name} must be a 24-character hex ObjectId`);
    return value.toLowerCase();
}

/** Sends stored JSON text as is. */
export function sendJson(reply: FastifyReply, status: number, json: string): FastifyReply {
    return reply.code(status).type("application/json").send(json);
}

/** Sends a page as a bare array with the filtered total in `x-total-count`. */
export function sendPage(reply: FastifyReply, page: Page, fields?: readonly string[]): FastifyReply {
    reply.header("x-total-count", String(page.total));
    return sendJson(reply, 200, renderPage(page.docs, fields));
}

/** The query object of a request, typed for the list parser. */
export function rawQuery(query: unknown): RawQuery {
    return (query ?? {}) as RawQuery;
}

/** A 24-hex id in a request body, lower-cased; 400 naming the field otherwise. */
export function objectIdField(value: unknown, field: string): string {
    if (!isObjectId(value)) throw badRequest(`Malformed ID: ${field} must be a 24-character hex ObjectId`);
    return value.toLowerCase();
}

/** Sends JSON-serialisable rows as a bare array with the filtered total in `x-total-count`. */
export function sendRows(reply: FastifyReply, rows: readonly unknown[], total: number): FastifyReply {
    reply.header("x-total-count", String(total));
    return sendJson(reply, 200, JSON.stringify(rows));
}
