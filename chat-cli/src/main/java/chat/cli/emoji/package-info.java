/**
 * Emoji for the client: the {@code :shortcode:} catalog from the jemoji library, expansion of
 * shortcodes in outgoing text (never inside backticks), and shortcode completion.
 */
package chat.cli.emoji;
