package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A room, its member count and whether the caller is a member. From wire version 2 the relay also
 * says whether it is a {@code group} (invite-only), its display {@code title} (groups only) and
 * whether the caller holds an invitation to it; these are null, and absent, for version 1.
 */
public record RoomInfo(
    String room, int members, boolean joined, Boolean group, String title, Boolean invited) {
  /** Validates the fields. */
  @JsonCreator
  public RoomInfo {
    room = ConversationIds.requireRoom(room);
    if (members < 0) {
      throw new IllegalArgumentException("members must be >= 0");
    }
    title = title == null ? null : GroupTitles.require(title);
  }

  /** A room as wire version 1 describes it. */
  public RoomInfo(String room, int members, boolean joined) {
    this(room, members, joined, null, null, null);
  }
}
