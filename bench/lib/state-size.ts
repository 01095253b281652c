/**
 * The state size: what each resource costs in the stack's state, and whether its serialized provider is clean.
 */

/** Sizes (bytes of UTF-8) per resource of one type in an exported deployment. */
export interface StateSizes {
    /** Resources of the type found. */
    resources: number;
    /** Mean size of a resource's entry in the exported deployment (compact JSON). */
    bytesPerResource: number;
    /** Mean size of one copy of `__provider`. */
    providerBytes: number;
    /** Mean `__provider` bytes per resource over every copy the entry holds (inputs and outputs). */
    providerBytesPerResource: number;
    /** Copies of `__provider` found per resource (the engine keeps one in inputs and one in outputs). */
    providerCopies: number;
    /** Forbidden strings (API key, URL, host) found in any `__provider`, by label; empty when clean. */
    leaks: string[];
}

type Resource = Record<string, unknown>;

function providerTexts(resource: Resource): string[] {
    const texts: string[] = [];
    for (const section of ["inputs", "outputs"]) {
        const value = (resource[section] as Record<string, unknown> | undefined)?.["__provider"];
        if (typeof value === "string") texts.push(value);
        else if (value !== undefined) texts.push(JSON.stringify(value));
    }
    return texts;
}

/**
 * Measures the resources whose `type` is `typeToken`. `forbidden` maps a label (e.g. "API key") to a string that
 * must not occur in any `__provider`.
 */
export function measureState(
    resources: readonly Resource[],
    typeToken: string,
    forbidden: Record<string, string> = {},
): StateSizes {
    const mine = resources.filter((r) => r["type"] === typeToken);
    const bytes = (s: string) => Buffer.byteLength(s, "utf8");
    let entryBytes = 0;
    let providerTotal = 0;
    let copies = 0;
    const leaks = new Set<string>();
    for (const r of mine) {
        entryBytes += bytes(JSON.stringify(r));
        for (const text of providerTexts(r)) {
            providerTotal += bytes(text);
            copies += 1;
            for (const [label, needle] of Object.entries(forbidden)) {
                if (needle && text.includes(needle)) leaks.add(label);
            }
        }
    }
    const n = mine.length;
    return {
        resources: n,
        bytesPerResource: n ? entryBytes / n : 0,
        providerBytes: copies ? providerTotal / copies : 0,
        providerBytesPerResource: n ? providerTotal / n : 0,
        providerCopies: n ? copies / n : 0,
        leaks: [...leaks].sort(),
    };
}
