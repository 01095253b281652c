/**
 * Property paths as the validator and the Pulumi engine write them: `attributes.posixGroups[0].id`,
 * `attributes["x-custom"]`.
 */

/** The segments of a path: object keys as strings, array indexes as numbers. Empty path gives []. */
export function parsePropertyPath(path: string): Array<string | number> {
    const out: Array<string | number> = [];
    let i = 0;
    let key = "";
    const flush = (): void => {
        if (key !== "") out.push(key);
        key = "";
    };
    while (i < path.length) {
        const ch = path[i];
        if (ch === ".") {
            flush();
            i++;
        } else if (ch === "[") {
            flush();
            const close = findClose(path, i);
            const inner = path.slice(i + 1, close);
            if (inner.startsWith('"')) {
                try {
                    out.push(JSON.parse(inner) as string);
                } catch {
                    // Not valid JSON text: keep the raw key rather than failing on a display helper.
                    out.push(inner.slice(1, -1));
                }
            } else if (/^\d+$/.test(inner)) out.push(Number(inner));
            else out.push(inner);
            i = close + 1;
        } else {
            key += ch;
            i++;
        }
    }
    flush();
    return out;
}

function findClose(path: string, open: number): number {
    let inString = false;
    for (let j = open + 1; j < path.length; j++) {
        const c = path[j];
        if (inString) {
            if (c === "\\") j++;
            else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === "]") return j;
    }
    return path.length;
}

/** The value at a path, or undefined when any segment is missing. */
export function valueAtPath(root: unknown, path: string): unknown {
    let cur: unknown = root;
    for (const seg of parsePropertyPath(path)) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string | number, unknown>)[seg];
    }
    return cur;
}
