/**
 * The WorkdayInstance model: the plain inputs and outputs, `check`, and how the Workday credentials are tracked
 * without ever being stored.
 *
 * The API never echoes credentials, and the provider must not keep them either: the outputs hold only a salted,
 * deliberately slow scrypt fingerprint of `username` + `password`, so `diff` can tell that the program's credentials
 * changed (rotation) without the state holding anything reversible. The engine keeps the inputs, where the password
 * is a secret (encrypted).
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { OBJECT_ID } from "../client/paths";
import type { ApiWorkday } from "../client/types";
import { pick } from "./plain-objects";
import { type CheckFailure, isUnknown, Validator } from "./validation";

/** The only name the API accepts for the instance. */
export const WORKDAY_NAME = "Workday Import";
/** Longest accepted report URL (judgement: the common browser and proxy limit). */
export const REPORT_URL_MAX_LENGTH = 2048;
/** Longest accepted username (judgement: no documented limit). */
export const USERNAME_MAX_LENGTH = 255;
/** Longest accepted password (judgement: no documented limit). */
export const PASSWORD_MAX_LENGTH = 1024;

/** The plain inputs of a WorkdayInstance (what `check` validates and normalises). */
export interface WorkdayInstanceInputs {
    /** The Workday custom report URL (https). */
    reportUrl: string;
    /** The Workday Integration System User. */
    username: string;
    /** Its password: a secret in the engine's inputs; never in outputs, logs or errors. */
    password: string;
    /** @default "Workday Import" (the only value the API accepts) */
    name: string;
    /** Take over the existing instance instead of failing on the one-instance rule. @default false */
    adopt: boolean;
    /** Per-resource `x-org-id` (multi-tenant admins). Changing it replaces the resource. */
    orgId?: string;
    /**
     * The desired validity of the credentials: always true from the resource class. `read` reports the live
     * validity here, so a deauthorised instance shows as drift (`authorized: false => true`) and `up` re-authorises.
     * @default true
     */
    authorized: boolean;
}

/** The status of the basic credentials, as the API reports it (credentials themselves are never echoed). */
export interface WorkdayAuthStatus {
    isValid: boolean;
    expiry?: string;
    message?: string;
}

/** The outputs: the instance as JumpCloud reports it, plus what the next operation needs. No credential. */
export interface WorkdayInstanceOutputs {
    name: string;
    reportUrl: string;
    lastImport?: string;
    auth: WorkdayAuthStatus;
    /** True when the live credentials are valid (`auth.isValid`). */
    authorized: boolean;
    /** True when `create` took over an instance that already existed. */
    adopted: boolean;
    adopt: boolean;
    orgId?: string;
    /** `scrypt$<salt>$<hash>` of the credentials the provider last authorised with; not reversible. */
    credentialFingerprint: string;
}

/**
 * Every input of a WorkdayInstance: the program's (`WorkdayInstanceArgs`) plus `authorized`, which the resource
 * class sets (see {@link WorkdayInstanceInputs.authorized}).
 */
export const WORKDAY_INSTANCE_INPUT_KEYS = [
    "reportUrl",
    "username",
    "password",
    "name",
    "adopt",
    "orgId",
    "authorized",
] as const;

/**
 * Why `url` is not an acceptable report URL, or undefined when it is. Never echoes embedded credentials: a URL with
 * `user:pass@` is refused without quoting it, since the password would otherwise land in state and logs.
 */
export function reportUrlProblem(url: string): string | undefined {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return "must be an absolute https URL — e.g. https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
    }
    if (parsed.username !== "" || parsed.password !== "") {
        return "must not contain credentials (user:password@): set them in `username` and `password` instead";
    }
    if (parsed.protocol !== "https:")
        return `must use https (got ${parsed.protocol.replace(/:$/, "")}): Workday serves reports over https only`;
    if (parsed.hostname === "") return "must name a host";
    return undefined;
}

/** Every rule that can be known before calling the API; no value of `password` ever appears in a reason. */
export function validateWorkdayInstance(news: unknown): CheckFailure[] {
    const v = new Validator();
    if (
        !v.resourceInputs(
            news,
            WORKDAY_INSTANCE_INPUT_KEYS,
            "the inputs must be an object with reportUrl, username and password",
        )
    )
        return v.failures;
    if (v.string("reportUrl", news.reportUrl, { required: true, maxLength: REPORT_URL_MAX_LENGTH })) {
        const problem = reportUrlProblem(news.reportUrl);
        if (problem) v.fail("reportUrl", problem);
    }
    if (
        v.string("username", news.username, {
            required: true,
            maxLength: USERNAME_MAX_LENGTH,
            example: '"ISU_JumpCloud"',
        })
    ) {
        if (/\s/.test(news.username))
            v.fail("username", "must not contain whitespace: use the Integration System User's login name");
    }
    // The password is checked for presence and type only; its content is never described.
    if (news.password === undefined) {
        v.fail("password", 'is required: set it from a secret, e.g. cfg.requireSecret("workdayPassword")');
    } else if (!isUnknown(news.password)) {
        if (typeof news.password !== "string") v.fail("password", "must be a string");
        else if (news.password === "") v.fail("password", "must not be empty");
        else if (news.password.length > PASSWORD_MAX_LENGTH) {
            v.fail("password", `must be at most ${PASSWORD_MAX_LENGTH} characters long`);
        }
    }
    if (news.name !== undefined && !isUnknown(news.name) && news.name !== WORKDAY_NAME) {
        v.fail("name", `must be "${WORKDAY_NAME}" (the only name JumpCloud accepts): remove it or set it to that`);
    }
    v.boolean("adopt", news.adopt);
    v.string("orgId", news.orgId, { pattern: OBJECT_ID, example: '"5f0000000000000000000001"' });
    v.boolean("authorized", news.authorized);
    if (news.authorized === false) {
        v.fail("authorized", "can only be true (the desired state of the credentials): remove it");
    }
    return v.failures;
}

/** WorkdayInstance inputs as a program may give them: the settings with a default may be left out. */
export type WorkdayInstanceGivenInputs = Omit<WorkdayInstanceInputs, "name" | "adopt" | "authorized"> &
    Partial<Pick<WorkdayInstanceInputs, "name" | "adopt" | "authorized">>;

/** The inputs `check` hands back, from inputs {@link validateWorkdayInstance} accepted: defaults filled in. */
export function normalizeWorkdayInstanceInputs(news: WorkdayInstanceGivenInputs): WorkdayInstanceInputs {
    return {
        ...pick(news, WORKDAY_INSTANCE_INPUT_KEYS),
        reportUrl: news.reportUrl,
        username: news.username,
        password: news.password,
        name: news.name ?? WORKDAY_NAME,
        adopt: news.adopt ?? false,
        authorized: news.authorized ?? true,
    };
}

/** scrypt cost: about 50 ms and 16 MiB per fingerprint, so guessing a password from a leaked state is slow. */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const FINGERPRINT_PREFIX = "scrypt";

function derive(username: string, password: string, salt: Buffer): Buffer {
    // The NUL separator keeps ("ab", "c") and ("a", "bc") apart.
    return scryptSync(`${username}\u0000${password}`, salt, 32, SCRYPT);
}

/** A fresh, salted fingerprint of the credentials: `scrypt$<salt b64>$<hash b64>`. */
export function credentialFingerprint(username: string, password: string, salt: Buffer = randomBytes(16)): string {
    return `${FINGERPRINT_PREFIX}$${salt.toString("base64")}$${derive(username, password, salt).toString("base64")}`;
}

/** True when `fingerprint` was made from exactly these credentials (constant-time comparison). */
export function fingerprintMatches(fingerprint: unknown, username: string, password: string): boolean {
    if (typeof fingerprint !== "string") return false;
    const [prefix, saltText, hashText] = fingerprint.split("$");
    if (prefix !== FINGERPRINT_PREFIX || !saltText || !hashText) return false;
    const expected = Buffer.from(hashText, "base64");
    const actual = derive(username, password, Buffer.from(saltText, "base64"));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The basic-credential status of a live instance; missing credentials count as invalid. */
export function authStatusOf(live: ApiWorkday): WorkdayAuthStatus {
    const basic = live.auth?.basic;
    const out: WorkdayAuthStatus = { isValid: basic?.isValid === true };
    if (typeof basic?.expiry === "string" && basic.expiry !== "") out.expiry = basic.expiry;
    if (typeof basic?.message === "string" && basic.message !== "") out.message = basic.message;
    return out;
}

/** The outputs of a live instance; the program-side fields come from the caller. */
export function toWorkdayOutputs(
    live: ApiWorkday,
    extra: { adopt: boolean; adopted: boolean; orgId?: string | undefined; credentialFingerprint: string },
): WorkdayInstanceOutputs {
    const auth = authStatusOf(live);
    const out: WorkdayInstanceOutputs = {
        name: live.name ?? WORKDAY_NAME,
        reportUrl: live.reportUrl ?? "",
        auth,
        authorized: auth.isValid,
        adopted: extra.adopted,
        adopt: extra.adopt,
        credentialFingerprint: extra.credentialFingerprint,
    };
    if (typeof live.lastImport === "string" && live.lastImport !== "") out.lastImport = live.lastImport;
    if (extra.orgId !== undefined) out.orgId = extra.orgId;
    return out;
}

/** What an update must do to bring the live instance to the desired inputs. */
export interface WorkdayChanges {
    /** The report URL differs: PUT it. */
    reportUrl: boolean;
    /** The credentials changed, or the live ones are invalid or missing: DELETE then POST `/auth`. */
    credentials: boolean;
}

/**
 * The inputs that differ between the desired inputs and the last known outputs, by name: `reportUrl`; `authorized`
 * when the live credentials are invalid or missing; `username` and `password` together when the program's
 * credentials are not the ones last authorised (one fingerprint covers the pair, so which of the two changed cannot
 * be told, by design). No API call. Values not known yet (preview) count as changed. The credential comparison costs
 * one scrypt derivation, skipped when the credentials must be set again anyway.
 */
export function changedWorkdayFields(olds: Partial<WorkdayInstanceOutputs>, news: WorkdayInstanceInputs): string[] {
    const out: string[] = [];
    if (isUnknown(news.reportUrl) || olds.reportUrl !== news.reportUrl) out.push("reportUrl");
    if (olds.authorized !== true) out.push("authorized");
    else if (
        isUnknown(news.username) ||
        isUnknown(news.password) ||
        !fingerprintMatches(olds.credentialFingerprint, news.username, news.password)
    ) {
        out.push("username", "password");
    }
    return out;
}

/** What an update must do, from {@link changedWorkdayFields}. No API call. */
export function workdayChanges(olds: Partial<WorkdayInstanceOutputs>, news: WorkdayInstanceInputs): WorkdayChanges {
    const changed = changedWorkdayFields(olds, news);
    return { reportUrl: changed.includes("reportUrl"), credentials: changed.some((f) => f !== "reportUrl") };
}

/**
 * The inputs that describe a live instance (for `read`): the live report URL and credential validity, the
 * program-side fields carried over. `username` and `password` are unknown to the provider and left out.
 */
export function projectWorkdayInputs(
    live: ApiWorkday,
    previous: Partial<WorkdayInstanceOutputs>,
): Partial<WorkdayInstanceInputs> {
    const out: Partial<WorkdayInstanceInputs> = {
        reportUrl: live.reportUrl ?? "",
        name: live.name ?? WORKDAY_NAME,
        adopt: previous.adopt ?? false,
        authorized: authStatusOf(live).isValid,
    };
    if (previous.orgId !== undefined) out.orgId = previous.orgId;
    return out;
}
