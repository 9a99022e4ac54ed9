package chat.cli.client;

import java.util.Objects;

/**
 * A room as {@code /rooms} lists it.
 *
 * @param conversation the room id, {@code #name}
 * @param memberCount how many members it has
 * @param joined whether this client's user is a member
 */
public record RoomView(String conversation, int memberCount, boolean joined) {
  /** Checks for nulls. */
  public RoomView {
    Objects.requireNonNull(conversation, "conversation");
  }
}
