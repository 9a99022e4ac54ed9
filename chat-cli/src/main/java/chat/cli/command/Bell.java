package chat.cli.command;

import chat.cli.client.ChatMessage;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * When the interactive client rings the terminal's bell: for a message someone else sent in a
 * private conversation, or one that names this user ({@link ChatMessage#mentions}), as irssi and
 * weechat do. A terminal multiplexer then marks the window, and a terminal may flash or sound. At
 * most one ring in {@link #QUIET_MILLIS}, so that a burst of messages (a catch-up after a login, or
 * a flood) rings once. The bell is a fixed control character written by the client, never text from
 * the relay.
 */
public final class Bell {
  /** The least time between two rings. */
  public static final long QUIET_MILLIS = 2_000;

  /** A bell that never rings ({@code --no-bell}, or input that is not a person's terminal). */
  public static final Bell SILENT = new Bell(false, () -> 0);

  private final boolean enabled;
  private final LongSupplier millis;
  private long lastRing;
  private boolean rung;

  private Bell(boolean enabled, LongSupplier millis) {
    this.enabled = enabled;
    this.millis = millis;
  }

  /** A bell that rings, timed by {@code millis} (a clock's milliseconds). */
  public static Bell ringing(LongSupplier millis) {
    return new Bell(true, Objects.requireNonNull(millis, "millis"));
  }

  /**
   * Whether {@code message}, just arrived for {@code self} (null before the login), rings the bell
   * now; a true answer counts as the ring. Any thread.
   */
  public synchronized boolean rings(ChatMessage message, String self) {
    if (!enabled || message.own() || !(message.isDirect() || message.mentions(self))) {
      return false;
    }
    long now = millis.getAsLong();
    if (rung && now - lastRing < QUIET_MILLIS) {
      return false;
    }
    rung = true;
    lastRing = now;
    return true;
  }
}
