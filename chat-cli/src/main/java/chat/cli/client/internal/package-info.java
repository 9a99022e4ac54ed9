/**
 * The networked client behind {@link chat.cli.client.ChatClient}: the TLS connection with a pinned
 * relay certificate, the local profile (key file, contacts, session, cursors), sealing to pinned
 * keys and opening what arrives.
 */
package chat.cli.client.internal;
