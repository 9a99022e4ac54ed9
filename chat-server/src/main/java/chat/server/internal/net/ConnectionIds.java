package chat.server.internal.net;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ids of one relay run's connections, as its log and audit log name them: {@code c}, a number
 * counted from 1 at each start, and this start's tag ({@code c12-k3f9}). The tag, four random
 * characters, tells apart the connections of different starts, whose numbers repeat; the relay
 * names it at start ({@code Relay listening on ...; connection ids end in -k3f9}).
 */
public final class ConnectionIds {
  /** The characters of a tag: lowercase base32 (RFC 4648, no padding). */
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  /** Characters in a tag: 20 random bits, so two starts share one about once in a million. */
  static final int TAG_CHARS = 4;

  private final String tag;
  private final AtomicLong count = new AtomicLong();

  private ConnectionIds(String tag) {
    this.tag = tag;
  }

  /** The ids of a relay starting now, with a fresh tag from {@code random}. */
  public static ConnectionIds newStart(SecureRandom random) {
    StringBuilder tag = new StringBuilder(TAG_CHARS);
    for (int i = 0; i < TAG_CHARS; i++) {
      tag.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return new ConnectionIds(tag.toString());
  }

  /** This start's tag. */
  public String tag() {
    return tag;
  }

  /** The id of the next connection. */
  public String next() {
    return "c" + count.incrementAndGet() + "-" + tag;
  }
}
