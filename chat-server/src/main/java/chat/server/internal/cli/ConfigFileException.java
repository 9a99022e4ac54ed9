package chat.server.internal.cli;

import java.nio.file.Path;

/**
 * A config file the relay refuses to start with: its message names the file and the line ({@code
 * relay.conf:7: unknown key 'prot' (did you mean 'port'?)}).
 */
public final class ConfigFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A problem on {@code line} (1-based) of {@code file}. */
  public ConfigFileException(Path file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
  }
}
