package chat.cli.client.internal;

/**
 * What sending a file ({@link FileUpload}) needs of the session and its relay: the file requests of
 * a {@link FileLink}, the uploader's name, the members' keys checked before anything is uploaded,
 * the offer sent, and an upload deleted that will not be offered. The seam that lets tests play the
 * relay and the conversation.
 */
interface UploadLink extends FileLink {
  /** The name of the user who uploads. */
  String username();

  /**
   * Checks, without sending anything, that the file could be offered in {@code conversation} now.
   *
   * @throws chat.cli.CommandException.Untrusted if a member's key may not be used, or the relay
   *     lists a member it never announced
   */
  void checkRecipients(String conversation);

  /**
   * Seals {@code plaintext} (an encoded file offer) to {@code conversation}'s members and sends it.
   *
   * @throws chat.cli.CommandException.Network if the connection was lost while it was being sent:
   *     the relay may have stored it
   * @throws chat.cli.CommandException another kind if it was refused (not stored)
   */
  EnvelopeSender.Sent offer(String conversation, byte[] plaintext);

  /**
   * Deletes the upload {@code fileId}, which will not be offered, on the relay, if the connection
   * is up. Never throws.
   */
  void discard(String fileId);
}
