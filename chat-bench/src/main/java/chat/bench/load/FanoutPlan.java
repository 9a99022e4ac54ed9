package chat.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One fan-out workload: {@code clients} members of one room, of which the first {@code senders}
 * each send {@code messagesPerSender} messages of {@code payloadBytes} of text, either at a fixed
 * aggregate {@code ratePerSecond} or (rate 0) as fast as possible with at most {@code window} of
 * each sender's messages not yet delivered to every member. Before that, {@code warmupPerSender}
 * messages per sender go the same way, unmeasured, so that the JIT compilers and buffer pools of
 * the servers (and of the generator) are warm.
 *
 * @param drain how long to wait without progress before counting the missing deliveries as lost
 */
public record FanoutPlan(
    int clients,
    int senders,
    int warmupPerSender,
    int messagesPerSender,
    double ratePerSecond,
    int window,
    int payloadBytes,
    Duration drain) {
  /** Checks the ranges. */
  public FanoutPlan {
    Objects.requireNonNull(drain, "drain");
    if (clients < 2 || senders < 1 || senders > clients || messagesPerSender < 1) {
      throw new IllegalArgumentException("need 2+ clients, 1..clients senders, 1+ messages");
    }
    if (warmupPerSender < 0) {
      throw new IllegalArgumentException("warm-up messages cannot be negative");
    }
    if (ratePerSecond < 0 || window < 1 || payloadBytes < 16 || payloadBytes > 400) {
      throw new IllegalArgumentException(
          "rate must be >= 0, window >= 1, payload 16-400 bytes (an IRC line holds 512)");
    }
  }

  /** Measured messages. */
  public int messages() {
    return senders * messagesPerSender;
  }

  /** Warm-up messages; they come first, from index 0. */
  public int warmupMessages() {
    return senders * warmupPerSender;
  }

  /** The sender of message {@code k}: messages are dealt round-robin. */
  public int senderOf(int k) {
    return k % senders;
  }

  /** A short description for reports. */
  public String describe() {
    String pace =
        ratePerSecond > 0
            ? String.format(java.util.Locale.ROOT, "%.0f msg/s", ratePerSecond)
            : "as fast as possible, window " + window;
    return clients
        + " members, "
        + senders
        + " senders x "
        + messagesPerSender
        + " messages (after "
        + warmupPerSender
        + " unmeasured), "
        + payloadBytes
        + "-byte text, "
        + pace;
  }
}
