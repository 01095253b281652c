/**
 * What the sources declare, read with the TypeScript compiler API (syntax only, no type-checking): the members of
 * an interface, the string literals a member's type allows, and the dynamic resources of provider/resources/. The
 * field tables take their rows from here, from the public `*Args` types, rather than from the code under test.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "..", "..", "..");

/** The members of one interface: property names in declaration order, and whether it has an index signature. */
export interface DeclaredMembers {
    readonly properties: string[];
    readonly indexSignature: boolean;
}

/** A dynamic resource class of provider/resources/ and the interface of its constructor's `args`. */
export interface DeclaredResource {
    /** The class name, e.g. "UserGroup". */
    readonly name: string;
    /** The `args` type, e.g. "UserGroupArgs". */
    readonly args: string;
    /** The file, relative to the repository. */
    readonly file: string;
}

function parse(file: string): ts.SourceFile {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
}

function findInterface(source: ts.SourceFile, name: string): ts.InterfaceDeclaration {
    const found = source.statements.filter(ts.isInterfaceDeclaration).find((s) => s.name.text === name);
    if (!found) throw new Error(`${source.fileName} declares no interface ${name}`);
    return found;
}

function memberName(member: ts.TypeElement): string | undefined {
    const name = member.name;
    if (name === undefined) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
    return undefined;
}

/** The members of interface `name` in `file` (relative to the repository). */
export function interfaceMembers(file: string, name: string): DeclaredMembers {
    const decl = findInterface(parse(file), name);
    const properties: string[] = [];
    for (const m of decl.members) {
        const n = ts.isPropertySignature(m) ? memberName(m) : undefined;
        if (n !== undefined) properties.push(n);
    }
    return { properties, indexSignature: decl.members.some(ts.isIndexSignatureDeclaration) };
}

/** The TSDoc comment of member `property` of interface `name` (its text, "" when it has none). */
export function memberDoc(file: string, name: string, property: string): string {
    const source = parse(file);
    const member = findInterface(source, name).members.find((m) => memberName(m) === property);
    if (!member) throw new Error(`${file}: ${name} has no member ${property}`);
    const ranges = ts.getLeadingCommentRanges(source.text, member.getFullStart()) ?? [];
    return ranges.map((r) => source.text.slice(r.pos, r.end)).join("\n");
}

/** Every string literal in the type of member `property` of interface `name` (e.g. a union of allowed values). */
export function memberLiterals(file: string, name: string, property: string): string[] {
    const decl = findInterface(parse(file), name);
    const member = decl.members.find((m) => ts.isPropertySignature(m) && memberName(m) === property);
    if (!member || !ts.isPropertySignature(member) || !member.type) {
        throw new Error(`${file}: ${name} has no typed member ${property}`);
    }
    const out: string[] = [];
    const visit = (node: ts.Node): void => {
        if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) out.push(node.literal.text);
        node.forEachChild(visit);
    };
    visit(member.type);
    return out;
}

/**
 * Every class of provider/resources/ that extends `pulumi.dynamic.Resource`, with the type of its constructor's
 * `args` parameter. A resource added there without a field table is then noticed by the table's own test.
 */
export function declaredResources(): DeclaredResource[] {
    const dir = path.join(root, "provider", "resources");
    const out: DeclaredResource[] = [];
    for (const f of fs
        .readdirSync(dir)
        .filter((n) => n.endsWith(".ts"))
        .sort()) {
        const file = path.posix.join("provider", "resources", f);
        for (const s of parse(file).statements) {
            if (!ts.isClassDeclaration(s) || !s.name) continue;
            const base = s.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText())) ?? [];
            if (!base.includes("pulumi.dynamic.Resource")) continue;
            const ctor = s.members.find(ts.isConstructorDeclaration);
            const args = ctor?.parameters.find((p) => p.name.getText() === "args")?.type?.getText();
            if (!args) throw new Error(`${file}: ${s.name.text}'s constructor has no typed args parameter`);
            out.push({ name: s.name.text, args, file });
        }
    }
    return out;
}
