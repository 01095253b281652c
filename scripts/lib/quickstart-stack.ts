/**
 * What the quick-start program folder needs around it, shared by the demo and the folder tests: the simulator seed
 * (an enrolled push device to adopt; the API cannot create one) and the stack's configuration, set with the plain
 * CLI as a user sets it.
 */
import type { ProgramFolder } from "./program-folder";

/** The seeded user whose device the quick-start adopts. */
export const QUICKSTART_USER_ID = "5f1000000000000000000001";
/** The seeded device. */
export const QUICKSTART_DEVICE_ID = "5f2000000000000000000001";

/** Engineering's members in the demo (`engineeringMembers`), by email. */
export const QUICKSTART_MEMBERS = ["alice@example.com", "bob@example.com"];
/** The user the demo adds to Engineering "in the console". */
export const QUICKSTART_CONSOLE_USER_ID = "5f1000000000000000000003";

/** The simulator seed (`POST /__sim/seed`): three users, alice's iPhone and two Workday workers. */
export const QUICKSTART_SEED = {
    users: [
        { id: QUICKSTART_USER_ID, username: "alice", email: "alice@example.com" },
        { id: "5f1000000000000000000002", username: "bob", email: "bob@example.com" },
        { id: QUICKSTART_CONSOLE_USER_ID, username: "carol", email: "carol@example.com" },
    ],
    pushEndpoints: [
        {
            userId: QUICKSTART_USER_ID,
            id: QUICKSTART_DEVICE_ID,
            name: "iPhone",
            state: "active",
            device: {
                make: "Apple",
                model: "iPhone 15",
                os: "iOS",
                osVersion: "18.1",
                appVersion: "3.2.0",
                uvEnabled: true,
            },
        },
    ],
    workdayWorkers: [
        { username: "ada", email: "ada.lovelace@example.com", firstName: "Ada", lastName: "Lovelace" },
        { username: "alan", email: "alan.turing@example.com", firstName: "Alan", lastName: "Turing" },
    ],
};

/** The settings of one quick-start stack. */
export interface QuickstartSettings {
    readonly apiUrl: string;
    readonly apiKey: string;
    readonly workdayPassword: string;
}

/**
 * `pulumi config set` of everything the quick-start reads, on the selected stack: the API URL, the API key and the
 * Workday password as secrets (from standard input), the user and device to adopt.
 */
export async function configureQuickstart(folder: ProgramFolder, s: QuickstartSettings): Promise<void> {
    await folder.pulumi(["config", "set", "jumpcloud:apiUrl", s.apiUrl]);
    await folder.setSecret("jumpcloud:apiKey", s.apiKey);
    await folder.setSecret("workdayPassword", s.workdayPassword);
    await folder.pulumi(["config", "set", "userId", QUICKSTART_USER_ID]);
    await folder.pulumi(["config", "set", "pushEndpointId", QUICKSTART_DEVICE_ID]);
}
