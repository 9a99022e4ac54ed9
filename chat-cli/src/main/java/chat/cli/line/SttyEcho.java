package chat.cli.line;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns the echo of the process's terminal (its standard input) off and on with {@code stty}, as a
 * shell's {@code read -s} does. Where there is no {@code stty} or standard input is no terminal,
 * {@link #off} says so and nothing changes. While the echo is off, a shutdown hook stands ready to
 * turn it back on, so that a Ctrl-C that ends the process never leaves the shell without echo.
 */
public final class SttyEcho implements TerminalEcho {
  private static final long TIMEOUT_SECONDS = 5;

  private final Thread restore = new Thread(() -> stty("echo"), "chat-echo-restore");
  private boolean hooked;

  @Override
  public synchronized boolean off() {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(restore);
      hooked = true;
    }
    if (stty("-echo")) {
      return true;
    }
    unhook();
    return false;
  }

  @Override
  public synchronized void on() {
    stty("echo");
    unhook();
  }

  private void unhook() {
    try {
      Runtime.getRuntime().removeShutdownHook(restore);
      hooked = false;
    } catch (IllegalStateException e) {
      // the process is ending: the hook runs now
    }
  }

  private static boolean stty(String setting) {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("stty", setting))
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
