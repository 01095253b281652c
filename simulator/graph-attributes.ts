/**
 * The `attributes` of a graph edge (a member or an association): an open object, except `sudo`, which JumpCloud's
 * spec defines as `{enabled: boolean, withoutPassword: boolean}`, both required (definition `GraphAttribute-Sudo`,
 * JumpCloud API v2 spec, TheJumpCloud/jcapi-powershell, SwaggerSpecs/JumpCloud.SDK.V2.json).
 */
import { badRequest } from "./errors";

/** Returns the attributes when valid (undefined when absent); 400 naming the field otherwise. */
export function checkEdgeAttributes(value: unknown, where: string): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw badRequest(`${where} must be an object`);
    }
    const attributes = value as Record<string, unknown>;
    const sudo = attributes["sudo"];
    if (sudo !== undefined) {
        if (sudo === null || typeof sudo !== "object" || Array.isArray(sudo)) {
            throw badRequest(`${where}.sudo must be an object {enabled: boolean, withoutPassword: boolean}`);
        }
        for (const key of ["enabled", "withoutPassword"]) {
            if (typeof (sudo as Record<string, unknown>)[key] !== "boolean") {
                throw badRequest(`${where}.sudo.${key} is required and must be a boolean`);
            }
        }
    }
    return attributes;
}
