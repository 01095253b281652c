/**
 * The shape of one user of a Workday import (`bulk-user-create`), trimmed from the API spec (2026): property
 * types, enums and limits only. `check` validates every user against it, so a typo ("firstName" for "firstname",
 * the casing trap of this API) or an over-long value fails before any request.
 */

/** The rule of one property. */
export interface FieldRule {
    readonly type: "string" | "boolean" | "integer" | "array" | "object";
    readonly maxLength?: number;
    readonly minimum?: number;
    readonly enum?: readonly string[];
    /** For objects: their properties. */
    readonly properties?: Readonly<Record<string, FieldRule>>;
    /** For arrays of objects: the item rule. */
    readonly items?: FieldRule;
}

/** Every property of `bulk-user-create`. */
export const BULK_USER_FIELDS: Readonly<Record<string, FieldRule>> = {
    account_locked: {
        type: "boolean",
    },
    activated: {
        type: "boolean",
    },
    addresses: {
        type: "array",
        items: {
            type: "object",
            properties: {
                country: {
                    type: "string",
                },
                extendedAddress: {
                    type: "string",
                },
                locality: {
                    type: "string",
                },
                poBox: {
                    type: "string",
                },
                postalCode: {
                    type: "string",
                },
                region: {
                    type: "string",
                },
                streetAddress: {
                    type: "string",
                },
                type: {
                    type: "string",
                },
            },
        },
    },
    allow_public_key: {
        type: "boolean",
    },
    alternateEmail: {
        type: "string",
    },
    attributes: {
        type: "array",
        items: {
            type: "object",
            properties: {
                name: {
                    type: "string",
                },
                value: {
                    type: "string",
                    maxLength: 1024,
                },
            },
        },
    },
    company: {
        type: "string",
    },
    costCenter: {
        type: "string",
    },
    delegatedAuthority: {
        type: "object",
        properties: {
            id: {
                type: "string",
            },
            name: {
                type: "string",
                enum: ["ActiveDirectory"],
            },
        },
    },
    department: {
        type: "string",
    },
    description: {
        type: "string",
        maxLength: 1024,
    },
    disableDeviceMaxLoginAttempts: {
        type: "boolean",
    },
    displayname: {
        type: "string",
    },
    email: {
        type: "string",
        maxLength: 1024,
    },
    employeeIdentifier: {
        type: "string",
        maxLength: 256,
    },
    employeeType: {
        type: "string",
    },
    enable_managed_uid: {
        type: "boolean",
    },
    enable_user_portal_multifactor: {
        type: "boolean",
    },
    external_dn: {
        type: "string",
    },
    external_password_expiration_date: {
        type: "string",
    },
    external_source_type: {
        type: "string",
    },
    externally_managed: {
        type: "boolean",
    },
    firstname: {
        type: "string",
    },
    jobTitle: {
        type: "string",
    },
    lastname: {
        type: "string",
    },
    ldap_binding_user: {
        type: "boolean",
    },
    location: {
        type: "string",
    },
    managedAppleId: {
        type: "string",
        maxLength: 1024,
    },
    manager: {
        type: "string",
    },
    mfa: {
        type: "object",
        properties: {
            configured: {
                type: "boolean",
            },
            exclusion: {
                type: "boolean",
            },
            exclusionDays: {
                type: "integer",
                minimum: 1,
            },
            exclusionUntil: {
                type: "string",
            },
        },
    },
    middlename: {
        type: "string",
    },
    password: {
        type: "string",
    },
    password_never_expires: {
        type: "boolean",
    },
    passwordless_sudo: {
        type: "boolean",
    },
    phoneNumbers: {
        type: "array",
        items: {
            type: "object",
            properties: {
                number: {
                    type: "string",
                },
                type: {
                    type: "string",
                },
            },
        },
    },
    public_key: {
        type: "string",
    },
    recoveryEmail: {
        type: "object",
        properties: {
            address: {
                type: "string",
            },
        },
    },
    relationships: {
        type: "array",
        items: {
            type: "object",
            properties: {
                type: {
                    type: "string",
                },
                value: {
                    type: "string",
                },
            },
        },
    },
    restrictedFields: {
        type: "object",
        properties: {
            field: {
                type: "string",
                maxLength: 32,
                enum: [
                    "addresses",
                    "company",
                    "costCenter",
                    "department",
                    "description",
                    "displayname",
                    "email",
                    "employeeIdentifier",
                    "employeeType",
                    "firstname",
                    "jobTitle",
                    "lastname",
                    "location",
                    "middlename",
                    "password",
                    "phoneNumbers",
                    "sudo",
                    "username",
                ],
            },
            id: {
                type: "string",
                maxLength: 24,
            },
            type: {
                type: "string",
                maxLength: 128,
                enum: ["active_directory", "federated_identity_provider", "scim"],
            },
        },
    },
    samba_service_user: {
        type: "boolean",
    },
    state: {
        type: "string",
        enum: ["STAGED", "ACTIVATED", "SUSPENDED"],
    },
    sudo: {
        type: "boolean",
    },
    suspended: {
        type: "boolean",
    },
    unix_guid: {
        type: "integer",
        minimum: 1,
    },
    unix_uid: {
        type: "integer",
        minimum: 1,
    },
    username: {
        type: "string",
    },
};
