package chat.protocol;

/**
 * Changes a group's display title (wire version 2). The room id stays: envelopes sign it, so
 * renaming it would orphan every stored message.
 */
public record GroupRenameRequest(String id, String room, String title) implements Request {
  /** Validates the fields. */
  public GroupRenameRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
    title = GroupTitles.requireNew(title);
  }
}
