/** Placeholder replaced by the migration state machine. */
export type MigrationEvent = { type: 'migration'; guestId: string };
