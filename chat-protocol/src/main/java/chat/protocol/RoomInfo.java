package chat.protocol;

/** A room, its member count and whether the caller is a member. */
public record RoomInfo(String room, int members, boolean joined) {
  /** Validates the fields. */
  public RoomInfo {
    room = ConversationIds.requireRoom(room);
    if (members < 0) {
      throw new IllegalArgumentException("members must be >= 0");
    }
  }
}
