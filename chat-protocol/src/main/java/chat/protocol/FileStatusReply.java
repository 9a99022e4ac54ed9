package chat.protocol;

/**
 * What the relay knows of one file: the conversation it belongs to, who uploaded it, its encrypted
 * size, how much has arrived, whether the upload finished, and when it will be deleted.
 */
public record FileStatusReply(
    String re,
    String fileId,
    String conversation,
    String uploader,
    long size,
    long received,
    boolean complete,
    long expiresAtMillis)
    implements Reply {
  /** Validates the fields. */
  public FileStatusReply {
    re = RequestIds.require(re, "re");
    fileId = FileIds.require(fileId);
    conversation = ConversationIds.require(conversation);
    if (!Usernames.isValid(uploader)) {
      throw new IllegalArgumentException("uploader must be a valid username");
    }
    FileSizes.requireSize(size, "size");
    FileSizes.requireOffset(received, "received");
    if (received > size) {
      throw new IllegalArgumentException("received must not exceed size");
    }
  }
}
