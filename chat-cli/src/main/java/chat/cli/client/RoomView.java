package chat.cli.client;

import java.util.Objects;

/**
 * A room as {@code /rooms} lists it.
 *
 * @param conversation the room id, {@code #name}
 * @param memberCount how many members it has
 * @param joined whether this client's user is a member
 * @param group whether it is a group (invite-only, with an owner)
 * @param title a group's display title (from the network; empty for public rooms)
 * @param invited whether this client's user holds an invitation to it
 */
public record RoomView(
    String conversation,
    int memberCount,
    boolean joined,
    boolean group,
    String title,
    boolean invited) {
  /** Checks for nulls. */
  public RoomView {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(title, "title");
  }

  /** A public room. */
  public RoomView(String conversation, int memberCount, boolean joined) {
    this(conversation, memberCount, joined, false, "", false);
  }
}
