/**
 * A small, path-aware validator toolkit shared by every resource's `check`.
 *
 * Each helper records a {@link CheckFailure} whose `property` is the input path ("attributes.posixGroups[0].id") and
 * whose `reason` says what is wrong and how to fix it ("must be an integer between 1 and 2147483647 — e.g. 5001").
 *
 * During `pulumi preview` the engine sends inputs that are not known yet as a sentinel string; every helper accepts
 * such a value without a failure, and whole-container rules (uniqueness, cross-field rules) are skipped when the
 * container holds one, since the real values may well be valid.
 */

/**
 * One input that failed validation: `property` is the path ("attributes.posixGroups[0].id", "" for the inputs as a
 * whole) and `reason` what is wrong and how to fix it. The engine shows both in `preview`.
 */
export interface CheckFailure {
    readonly property: string;
    readonly reason: string;
}

/** The verdict of `check` on some inputs: every failure, or the inputs normalised. */
export type Checked<T> = { readonly failures: CheckFailure[] } | { readonly inputs: T };

/**
 * Validates `value`, then, only when nothing failed, normalises it. `normalize` is typed by the shape `validate`
 * accepts: this is the one place where a value the validator has checked property by property is given that type.
 * (During preview any property may hold the engine's "unknown" sentinel instead, which every rule lets through.)
 */
export function checkWith<Accepted, T>(
    value: unknown,
    validate: (value: unknown) => CheckFailure[],
    normalize: (accepted: Accepted) => T,
): Checked<T> {
    const failures = validate(value);
    if (failures.length > 0) return { failures };
    return { inputs: normalize(value as Accepted) };
}

/** The string the engine sends, during preview, for an input whose value is not known yet. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `v` is the engine's "not known yet" sentinel. */
export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN_VALUE;
}

/** True when `v` is, or anywhere contains, the engine's "not known yet" sentinel. */
export function containsUnknown(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (isPlainObject(v)) return Object.values(v).some(containsUnknown);
    return false;
}

/** True for a non-null, non-array object. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Extends a property path: `childPath("attributes", "sudo")` is "attributes.sudo", `childPath("a", 0)` is "a[0]",
 * and a key that is not an identifier is quoted (`a["x-y"]`). An empty base gives the key alone.
 */
export function childPath(base: string, key: string | number): string {
    if (typeof key === "number") return `${base}[${key}]`;
    if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
    return base === "" ? key : `${base}.${key}`;
}

/** A short description of a value's JSON type for reasons: "a number", "an array", "null". */
export function describeType(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "an array";
    switch (typeof v) {
        case "object":
            return "an object";
        case "undefined":
            return "nothing";
        case "number":
            return Number.isInteger(v) ? "an integer" : "a number";
        default:
            return `a ${typeof v}`;
    }
}

/** Options every check accepts. */
export interface RuleOptions {
    /** Record a failure when the value is absent (undefined). @default false */
    readonly required?: boolean;
    /** An example of a valid value, quoted in reasons as the fix ("e.g. ..."). @default none */
    readonly example?: string;
}

/** Options of {@link Validator.string}. */
export interface StringRule extends RuleOptions {
    /** Smallest allowed length; 1 rejects the empty string. @default 1 */
    readonly minLength?: number;
    /** Largest allowed length. @default unlimited */
    readonly maxLength?: number;
    /** A pattern the whole value must match, and what it means (for the reason). @default none */
    readonly pattern?: { readonly regex: RegExp; readonly description: string };
}

/** Options of {@link Validator.integer}. */
export interface IntegerRule extends RuleOptions {
    /** @default Number.MIN_SAFE_INTEGER */
    readonly min?: number;
    /** @default Number.MAX_SAFE_INTEGER */
    readonly max?: number;
}

/** Options of {@link Validator.array}. */
export interface ArrayRule extends RuleOptions {
    /** Smallest allowed number of items. @default 0 */
    readonly minItems?: number;
    /** Largest allowed number of items. @default unlimited */
    readonly maxItems?: number;
}

/** Options of {@link Validator.noUnknownKeys}. */
export interface KeysRule {
    /** Keys to let through without a failure (e.g. engine bookkeeping keys such as `__provider`). @default none */
    readonly ignore?: (key: string) => boolean;
}

/** The engine's bookkeeping keys among a resource's inputs (the serialized provider travels as `__provider`). */
const ENGINE_KEYS: KeysRule = { ignore: (key) => key.startsWith("__") };

function eg(example: string | undefined): string {
    return example === undefined ? "" : ` — e.g. ${example}`;
}

/**
 * Collects failures. Every type check returns true only when the value is present, known and of the right type,
 * so callers descend into it (and apply cross-field rules) only then.
 */
export class Validator {
    readonly failures: CheckFailure[] = [];

    /** Records one failure. The reason should name the fix. */
    fail(property: string, reason: string): void {
        this.failures.push({ property, reason });
    }

    /** True while no failure has been recorded. */
    get ok(): boolean {
        return this.failures.length === 0;
    }

    /** Handles absence and unknowns; returns true when the value should be type-checked. */
    private present(path: string, value: unknown, opts: RuleOptions | undefined, what: string): boolean {
        if (isUnknown(value)) return false;
        if (value === undefined) {
            if (opts?.required) this.fail(path, `is required: set it to ${what}${eg(opts.example)}`);
            return false;
        }
        return true;
    }

    /** A string, non-empty by default, within length limits and matching an optional pattern. */
    string(path: string, value: unknown, opts?: StringRule): value is string {
        if (!this.present(path, value, opts, "a string")) return false;
        if (typeof value !== "string") {
            this.fail(path, `must be a string, got ${describeType(value)}${eg(opts?.example)}`);
            return false;
        }
        const min = opts?.minLength ?? 1;
        if (value.length < min) {
            this.fail(
                path,
                min === 1
                    ? `must not be empty: set a value or remove the property${eg(opts?.example)}`
                    : `must be at least ${min} characters long${eg(opts?.example)}`,
            );
            return false;
        }
        if (opts?.maxLength !== undefined && value.length > opts.maxLength) {
            this.fail(
                path,
                `must be at most ${opts.maxLength} characters long (it has ${value.length}): shorten it${eg(opts.example)}`,
            );
            return false;
        }
        if (opts?.pattern && !opts.pattern.regex.test(value)) {
            this.fail(path, `must be ${opts.pattern.description}, got ${JSON.stringify(value)}${eg(opts.example)}`);
            return false;
        }
        return true;
    }

    /** A whole number within bounds. */
    integer(path: string, value: unknown, opts?: IntegerRule): value is number {
        if (!this.present(path, value, opts, "an integer")) return false;
        const min = opts?.min ?? Number.MIN_SAFE_INTEGER;
        const max = opts?.max ?? Number.MAX_SAFE_INTEGER;
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            const got = typeof value === "number" ? String(value) : describeType(value);
            this.fail(path, `must be an integer between ${min} and ${max}, got ${got}${eg(opts?.example)}`);
            return false;
        }
        return true;
    }

    /** `true` or `false`. */
    boolean(path: string, value: unknown, opts?: RuleOptions): value is boolean {
        if (!this.present(path, value, opts, "true or false")) return false;
        if (typeof value !== "boolean") {
            this.fail(path, `must be true or false, got ${describeType(value)}${eg(opts?.example)}`);
            return false;
        }
        return true;
    }

    /** One of a fixed list of strings (case-sensitive, as the API compares them). */
    oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[], opts?: RuleOptions): value is T {
        const list = allowed.map((a) => JSON.stringify(a)).join(", ");
        if (!this.present(path, value, opts, `one of ${list}`)) return false;
        if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
            const got = typeof value === "string" ? JSON.stringify(value) : describeType(value);
            const near =
                typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
            const hint = near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}? the case matters)`;
            this.fail(path, `must be one of ${list}, got ${got}${hint}`);
            return false;
        }
        return true;
    }

    /** A plain object (not null, not an array). */
    object(path: string, value: unknown, opts?: RuleOptions): value is Record<string, unknown> {
        if (!this.present(path, value, opts, "an object")) return false;
        if (!isPlainObject(value)) {
            this.fail(path, `must be an object, got ${describeType(value)}${eg(opts?.example)}`);
            return false;
        }
        return true;
    }

    /** An array within item-count limits. */
    array(path: string, value: unknown, opts?: ArrayRule): value is unknown[] {
        if (!this.present(path, value, opts, "a list")) return false;
        if (!Array.isArray(value)) {
            this.fail(path, `must be a list, got ${describeType(value)}${eg(opts?.example)}`);
            return false;
        }
        const min = opts?.minItems ?? 0;
        if (value.length < min) {
            this.fail(path, `must hold at least ${min} item${min === 1 ? "" : "s"}${eg(opts?.example)}`);
            return false;
        }
        if (opts?.maxItems !== undefined && value.length > opts.maxItems) {
            this.fail(path, `must hold at most ${opts.maxItems} items (it has ${value.length}): remove some`);
            return false;
        }
        return true;
    }

    /**
     * The inputs (or arguments) as a whole: unless `value` is an object, records `notAnObject` as the failure and
     * returns false; otherwise fails on every key outside `allowed` (see {@link noUnknownKeys}) and returns true.
     */
    inputs(
        value: unknown,
        allowed: readonly string[],
        notAnObject: string,
        opts?: KeysRule,
    ): value is Record<string, unknown> {
        if (!isPlainObject(value)) {
            this.fail("", notAnObject);
            return false;
        }
        this.noUnknownKeys("", value, allowed, opts);
        return true;
    }

    /** A resource's inputs as a whole: {@link inputs}, letting the engine's bookkeeping keys ("__provider") through. */
    resourceInputs(value: unknown, allowed: readonly string[], notAnObject: string): value is Record<string, unknown> {
        return this.inputs(value, allowed, notAnObject, ENGINE_KEYS);
    }

    /**
     * Each item of a list that must hold objects: a failure for an item that is not one (quoting `example`), and
     * `check` for each that is, with the item's path.
     */
    eachObject(
        path: string,
        items: readonly unknown[],
        example: string,
        check: (itemPath: string, item: Record<string, unknown>) => void,
    ): void {
        items.forEach((item, i) => {
            const itemPath = childPath(path, i);
            if (this.object(itemPath, item, { required: true, example })) check(itemPath, item);
        });
    }

    /** Fails on every key of `obj` outside `allowed`, naming the allowed keys (and a near miss, if any). */
    noUnknownKeys(path: string, obj: Record<string, unknown>, allowed: readonly string[], opts?: KeysRule): void {
        for (const key of Object.keys(obj)) {
            if (allowed.includes(key) || opts?.ignore?.(key)) continue;
            const near = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
            const fix = near === undefined ? "remove it" : `did you mean "${near}"?`;
            this.fail(
                childPath(path, key),
                `is not a known property: ${fix} (allowed: ${allowed.map((a) => `"${a}"`).join(", ")})`,
            );
        }
    }

    /**
     * Fails on every item whose key repeats an earlier item's key. Skipped when the list holds an unknown value,
     * since the known items alone cannot prove a duplicate-free list.
     */
    unique(path: string, items: readonly unknown[], keyOf: (item: unknown) => unknown, label: string): void {
        if (containsUnknown(items)) return;
        const seen = new Map<string, number>();
        items.forEach((item, i) => {
            const key = keyOf(item);
            if (key === undefined) return;
            const text = typeof key === "string" ? key : JSON.stringify(key);
            const first = seen.get(text);
            if (first === undefined) {
                seen.set(text, i);
                return;
            }
            this.fail(
                childPath(path, i),
                `repeats the ${label} ${JSON.stringify(key)} of item [${first}]: each ${label} may appear once, remove or change one`,
            );
        });
    }

    /** Parses a string that must hold JSON of an object; records a failure and returns undefined otherwise. */
    jsonObject(path: string, text: string, example?: string): Record<string, unknown> | undefined {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch (e) {
            this.fail(path, `must be valid JSON (${(e as Error).message}): fix the syntax${eg(example)}`);
            return undefined;
        }
        if (!isPlainObject(parsed)) {
            this.fail(path, `must be a JSON object, got ${describeType(parsed)}${eg(example)}`);
            return undefined;
        }
        return parsed;
    }
}
