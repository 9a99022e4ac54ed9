package chat.cli;

import chat.cli.line.SttyEcho;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The terminal's echo as {@code bin/chat} holds it off while the JVM starts, for a command that
 * first asks for a secret ({@code CHAT_ECHO_HELD=1}): a passphrase typed before its prompt appears
 * is then not shown. The launcher puts the terminal back as it was when the client ends; this turns
 * the echo on sooner, once what is typed is no longer the secret: when a command that waited for
 * its login is logged in ({@link PassphrasePrompt#hideTyping} hands the hold on), or at the first
 * read of standard input ({@link #releasedOnRead}), which is the message or script being typed.
 */
final class HeldEcho {
  /** Set to {@code 1} by {@code bin/chat} when it has turned the echo off. */
  static final String ENV = "CHAT_ECHO_HELD";

  /** Nothing held. */
  static final HeldEcho NONE = new HeldEcho(false, () -> {});

  private final AtomicBoolean held;
  private final Runnable echoOn;

  /** A hold that {@link #release} ends by running {@code echoOn}, if {@code held}. */
  HeldEcho(boolean held, Runnable echoOn) {
    this.held = new AtomicBoolean(held);
    this.echoOn = Objects.requireNonNull(echoOn, "echoOn");
  }

  /** The hold {@code environment} names, ended with {@code stty echo} on standard input. */
  static HeldEcho fromLauncher(Map<String, String> environment) {
    return "1".equals(environment.get(ENV)) ? new HeldEcho(true, () -> new SttyEcho().on()) : NONE;
  }

  /** Whether the echo is still held off. */
  boolean held() {
    return held.get();
  }

  /** Turns the echo back on if it is still held; later calls do nothing. */
  void release() {
    if (held.compareAndSet(true, false)) {
      echoOn.run();
    }
  }

  /** {@code in}, releasing the hold before it is first read. */
  InputStream releasedOnRead(InputStream in) {
    if (!held()) {
      return in;
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        release();
        return super.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        release();
        return super.read(buffer, offset, length);
      }
    };
  }
}
