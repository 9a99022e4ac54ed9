package chat.protocol;

/**
 * Starts, or asks where it stands, the upload of one encrypted file of {@code size} bytes for
 * {@code conversation}. The relay answers with how many bytes it already holds, so a client that
 * lost its connection resumes from there. Only a member (room) or party (direct conversation) may
 * start an upload, and only the uploader may continue it.
 */
public record FileUploadRequest(String id, String fileId, String conversation, long size)
    implements Request {
  /** Validates the fields. */
  public FileUploadRequest {
    id = RequestIds.require(id, "id");
    fileId = FileIds.require(fileId);
    conversation = ConversationIds.require(conversation);
    FileSizes.requireSize(size, "size");
  }
}
