/**
 * The quick-start stack: three user groups (static, dynamic, Linux), optionally who is in Engineering, the Workday
 * import instance with secret credentials, an import job, and an adopted push (MFA) device.
 *
 * Settings: `jumpcloud:apiKey` (secret) and `jumpcloud:apiUrl` as for every program, plus this project's
 * `workdayPassword` (secret), `userId` and `pushEndpointId` (the enrolled device to adopt), and the optional
 * `engineeringMembers`: the emails of Engineering's members (existing users), e.g.
 * `pulumi config set --path 'engineeringMembers[0]' alice@example.com`. Without it, membership is left alone.
 */
import * as pulumi from "@pulumi/pulumi";
import * as jumpcloud from "pulumi-jumpcloud";

export async function quickstart() {
    const cfg = new pulumi.Config();

    const engineering = new jumpcloud.UserGroup("engineering", {
        name: "Engineering",
        description: "Every engineer",
        email: "engineering@example.com",
        membershipMethod: "STATIC",
    });

    // Who is in Engineering, by email: the users exist already (as in any real org), so they are looked up with
    // getUser (one request each) and the membership is authoritative: a user added in the console shows as drift.
    const memberEmails = cfg.getObject<string[]>("engineeringMembers");
    const engineeringMembers =
        memberEmails === undefined
            ? undefined
            : new jumpcloud.UserGroupMembership("engineering-members", {
                  groupId: engineering.id,
                  userIds: (await Promise.all(memberEmails.map((email) => jumpcloud.getUser({ email })))).map(
                      (u) => u.id,
                  ),
              });

    const sales = new jumpcloud.UserGroup("sales", {
        name: "Sales (dynamic)",
        description: "Everyone whose department is Sales, reviewed by an admin",
        membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
        memberQuery: {
            queryType: "FilterQuery",
            filters: [{ field: "department", operator: "eq", value: "Sales" }],
        },
        memberSuggestionsNotify: true,
    });

    const linuxAdmins = new jumpcloud.UserGroup("linux-admins", {
        name: "Linux Admins",
        description: "Sudo on every Linux server",
        attributes: {
            sudo: { enabled: true, withoutPassword: false },
            posixGroups: [{ id: 5001, name: "linuxadmins" }],
            ldapGroups: [{ name: "linux-admins" }],
        },
    });

    const workday = new jumpcloud.WorkdayInstance("workday", {
        reportUrl: "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json",
        username: "ISU_JumpCloud",
        password: cfg.requireSecret("workdayPassword"),
        adopt: true,
    });

    const hires = new jumpcloud.WorkdayImport("hires-2026-11", {
        workdayId: workday.id,
        users: [
            { email: "ada.lovelace@example.com", username: "ada", firstname: "Ada", lastname: "Lovelace" },
            { email: "alan.turing@example.com", username: "alan", firstname: "Alan", lastname: "Turing" },
        ],
    });

    const phone = new jumpcloud.UserPushEndpoint("alice-phone", {
        userId: cfg.require("userId"),
        pushEndpointId: cfg.require("pushEndpointId"),
        name: "Alice's iPhone",
        state: "active",
    });

    return {
        groups: {
            engineering: engineering.id,
            sales: sales.id,
            linuxAdmins: linuxAdmins.id,
        },
        ...(engineeringMembers === undefined ? {} : { engineeringMembers: engineeringMembers.userIds }),
        workday: { id: workday.id, auth: workday.auth },
        importJob: { jobId: hires.jobId, counts: hires.counts },
        device: { id: phone.id, name: phone.name, state: phone.state },
    };
}
