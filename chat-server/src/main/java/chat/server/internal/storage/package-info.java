/**
 * The embedded SQLite store: owner-only files, ordered migrations, one repository class per table,
 * a single group-committing writer, and the at-rest sealing seam.
 */
package chat.server.internal.storage;
