/**
 * A station key as SQLCipher takes it raw: 32 bytes written as 64 hex digits (db-key.ts). A module
 * of its own so that the integrity check's thread (integrity-worker.ts) loads nothing else.
 */
export const RAW_KEY = /^[0-9a-fA-F]{64}$/;
