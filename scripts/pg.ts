/**
 * `npm run pg -- start|stop|status`: a throwaway PostgreSQL cluster as a Pulumi state backend, for trying the team
 * setup by hand (the tests start their own; see scripts/lib/postgres-cluster.ts).
 *
 *   start          creates and starts a cluster that outlives this command; prints the command that loads its
 *                  backend URL and password from a file only the caller can read (the password is never printed)
 *   stop [name]    stops and removes the clusters `start` made (or the one named)
 *   status         lists the recorded clusters
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { reapOrphanedClusters, recordedClusters, startPostgres, stopRecordedClusters } from "./lib/postgres-cluster";

async function main(argv: readonly string[]): Promise<number> {
    const [command, name] = argv;
    const log = (line: string) => process.stderr.write(`[pg] ${line}\n`);
    switch (command) {
        case "start": {
            const cluster = await startPostgres({ detached: true, log });
            log(`started with ${cluster.binaries.label} in ${cluster.dir}`);
            // The password goes to a file only its owner can read, never to the terminal or a CI log.
            const envFile = path.join(cluster.dir, "backend.env");
            fs.writeFileSync(
                envFile,
                `export PULUMI_BACKEND_URL='${cluster.url}'\nexport PGPASSWORD='${cluster.password}'\n`,
                { mode: 0o600 },
            );
            process.stdout.write(
                [
                    `. ${envFile}`,
                    `# sets PULUMI_BACKEND_URL=${cluster.url} and PGPASSWORD; then: pulumi login "$PULUMI_BACKEND_URL"`,
                    "# stop it with: npm run pg -- stop",
                    "",
                ].join("\n"),
            );
            return 0;
        }
        case "stop": {
            const stopped = stopRecordedClusters(name);
            const reaped = reapOrphanedClusters();
            log(
                `stopped ${stopped.length ? stopped.join(", ") : "nothing"}${reaped.length ? `; reaped ${reaped.join(", ")}` : ""}`,
            );
            return name !== undefined && stopped.length === 0 ? 1 : 0;
        }
        case "status": {
            for (const r of recordedClusters()) {
                const owner = r.ownerPid === null ? "detached" : `owned by pid ${r.ownerPid}`;
                process.stdout.write(`${r.name}  127.0.0.1:${r.port}  ${r.source}  ${owner}  since ${r.startedAt}\n`);
            }
            return 0;
        }
        default:
            process.stderr.write("usage: npm run pg -- start | stop [name] | status\n");
            return 2;
    }
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
        process.stderr.write(`${err.message}\n`);
        process.exit(1);
    },
);
