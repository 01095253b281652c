/**
 * The in-process simulator the benchmarks run against (its admin calls go through simulator/admin-client.ts).
 * Loaded lazily so the floor scenarios run even while the simulator is unavailable.
 */

/** The part of the simulator's RunningSimulator the benchmarks use. */
export interface BenchSimulator {
    url: string;
    origin: string;
    apiKey: string;
    close(): Promise<void>;
}

/** Starts the embedded simulator on an ephemeral loopback port, in memory. */
export async function startBenchSimulator(): Promise<BenchSimulator> {
    const sim = (await import("../../simulator")) as {
        startSimulator(opts?: { port?: number; host?: string; log?: boolean }): Promise<BenchSimulator>;
    };
    return sim.startSimulator({ port: 0, host: "127.0.0.1", log: false });
}
