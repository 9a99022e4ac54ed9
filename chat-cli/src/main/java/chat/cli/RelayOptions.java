package chat.cli;

import chat.cli.client.ClientOptions;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to a relay. Each may be given after the subcommand or
 * before it ({@code chat --user alice send ...}), or through the environment: {@code CHAT_SERVER},
 * {@code CHAT_USER}, {@code CHAT_HOME}. A value after the subcommand wins.
 */
public final class RelayOptions {
  /** Where the relay is when nothing says otherwise. */
  public static final String DEFAULT_SERVER = "127.0.0.1:" + ClientOptions.DEFAULT_PORT;

  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      description = "the relay (default: $CHAT_SERVER or " + DEFAULT_SERVER + ")")
  String server;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "NAME",
      description = "your username (default: $CHAT_USER)")
  String user;

  @Option(
      names = "--home",
      converter = NonEmptyPath.class,
      paramLabel = "DIR",
      description =
          "your profile directory: keys, pinned relay and contact keys, session"
              + " (default: $CHAT_HOME/NAME, else $XDG_DATA_HOME/chat/NAME, else the folder"
              + " ~/.local/share/chat/NAME)")
  Path home;

  @Option(
      names = "--json",
      description = "print machine-readable JSON (one object per line) instead of text")
  boolean json;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      converter = NonEmptyFile.class,
      description = "read the account password from FILE (else $CHAT_PASSWORD, else a prompt)")
  Path passwordFile;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      converter = NonEmptyFile.class,
      description = "read the key passphrase from FILE (else $CHAT_PASSPHRASE, else a prompt)")
  Path passphraseFile;

  @Option(
      names = "--download-dir",
      converter = NonEmptyPath.class,
      paramLabel = "DIR",
      description =
          "where accepted files are saved (default: $CHAT_DOWNLOAD_DIR, else"
              + " $XDG_DOWNLOAD_DIR/chat or ~/Downloads/chat)")
  Path downloadDir;

  /** This command's options, with the ones given before the subcommand filling the gaps. */
  RelayOptions merged(RelayOptions outer) {
    RelayOptions out = new RelayOptions();
    out.server = server != null ? server : outer.server;
    out.user = user != null ? user : outer.user;
    out.home = home != null ? home : outer.home;
    out.json = json || outer.json;
    out.passwordFile = passwordFile != null ? passwordFile : outer.passwordFile;
    out.passphraseFile = passphraseFile != null ? passphraseFile : outer.passphraseFile;
    out.downloadDir = downloadDir != null ? downloadDir : outer.downloadDir;
    return out;
  }

  /** Whether JSON output was asked for. */
  boolean json() {
    return json;
  }

  /** The username from the flag or {@code CHAT_USER}, if any. */
  Optional<String> user(CliContext context) {
    return Optional.ofNullable(user).or(() -> context.env("CHAT_USER"));
  }

  /** The username, or a usage error saying how to give one. */
  String requireUser(CliContext context) {
    String user =
        user(context)
            .orElseThrow(
                () -> new CommandException.Usage("which user? give --user NAME or set CHAT_USER"));
    if (!Usernames.isValid(user)) {
      // before any secret is asked for, whose prompt would name it
      throw CommandException.Usage.notAUsername(user);
    }
    return user;
  }

  /**
   * The client options: the relay address and the profile home.
   *
   * @param live whether the client shows messages as they arrive (listen, interactive)
   */
  ClientOptions clientOptions(CliContext context, boolean live) {
    Optional<String> fromEnv = server != null ? Optional.empty() : context.env("CHAT_SERVER");
    String given = server != null ? server : fromEnv.orElse(DEFAULT_SERVER);
    // Spaces around it are a slip of the shell or a config file, never part of a host name.
    String address = given.strip();
    boolean bracketedAlone = address.startsWith("[") && address.endsWith("]");
    int colon = bracketedAlone ? -1 : address.lastIndexOf(':');
    String host = colon < 0 ? address : address.substring(0, colon);
    int port = ClientOptions.DEFAULT_PORT;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    if (bracketed) {
      host = host.substring(1, host.length() - 1);
    }
    // An IPv6 address goes in brackets ([::1]:7443, or [::1] for the default port), or bare before
    // the port (::1:7443): a bracket left over, or a single colon (::1 without a port), is a slip.
    boolean slip =
        host.contains("[")
            || host.contains("]")
            || host.chars().anyMatch(Character::isWhitespace)
            || (!bracketed && host.contains(":") && host.chars().filter(c -> c == ':').count() < 2)
            || host.endsWith(":");
    if (host.isBlank() || slip || port < 1 || port > 65535) {
      throw new CommandException.Usage(
          (fromEnv.isPresent() ? "CHAT_SERVER" : "--server")
              + " must be HOST:PORT with a port 1-65535, an IPv6 address in brackets"
              + " ([::1]:7443) (got '"
              + TerminalSafe.typed(given)
              + "')");
    }
    Duration timeout = Duration.ofSeconds(30);
    Path downloads = downloadDirectory(context);
    if (home != null) {
      return new ClientOptions(
          host, port, requireFolder(home, "--home"), false, timeout, live, downloads);
    }
    return new ClientOptions(host, port, checkedHomeBase(context), true, timeout, live, downloads);
  }

  /**
   * Where accepted files go: {@code --download-dir}, else {@code $CHAT_DOWNLOAD_DIR}, else {@code
   * $XDG_DOWNLOAD_DIR/chat} (an absolute path), else {@code ~/Downloads/chat}.
   */
  Path downloadDirectory(CliContext context) {
    if (downloadDir != null) {
      return downloadDir;
    }
    Optional<String> chat = context.env("CHAT_DOWNLOAD_DIR");
    if (chat.isPresent()) {
      return tilde(context, chat.get());
    }
    Optional<String> xdg = context.env("XDG_DOWNLOAD_DIR").filter(v -> v.startsWith("/"));
    if (xdg.isPresent()) {
      return Path.of(xdg.get(), "chat");
    }
    String userHome = context.env("HOME").orElse(System.getProperty("user.home", "."));
    return Path.of(userHome, "Downloads", "chat");
  }

  /** The profile directory of {@code user}: {@code --home} itself, or the default per-user one. */
  Path profileDir(CliContext context, String user) {
    if (home != null) {
      return requireFolder(home, "--home");
    }
    return checkedHomeBase(context).resolve(user.toLowerCase(Locale.ROOT));
  }

  /**
   * The profile directory: {@code --home} itself, whoever it belongs to; else the default one of
   * the user, who must then be given ({@link #requireUser}).
   */
  Path profileDir(CliContext context) {
    return home != null ? requireFolder(home, "--home") : profileDir(context, requireUser(context));
  }

  /**
   * {@link #defaultHomeBase}, or a usage error if it is (or lies inside) something not a folder.
   */
  private static Path checkedHomeBase(CliContext context) {
    String what =
        context.env("CHAT_HOME").isPresent() ? "CHAT_HOME" : "the default profile location";
    return requireFolder(defaultHomeBase(context), what);
  }

  /**
   * {@code dir}, which need not exist yet, unless it or a folder above it is something else (a
   * regular file): then a usage error naming {@code what} ({@code --home}, {@code CHAT_HOME}) and
   * the path that is not a folder.
   */
  static Path requireFolder(Path dir, String what) {
    Path whole = dir.toAbsolutePath();
    for (Path part = whole; part != null; part = part.getParent()) {
      if (Files.isDirectory(part)) {
        return dir;
      }
      if (Files.exists(part)) {
        throw new CommandException.Usage(
            what + " " + dir + (part.equals(whole) ? "" : ": " + part) + " is not a folder");
      }
    }
    return dir;
  }

  /**
   * The path a variable gives, a leading {@code ~} or {@code ~/} standing for the home folder: a
   * variable set in quotes ({@code CHAT_DOWNLOAD_DIR='~/x'}) or in a file the shell does not expand
   * would otherwise make a folder named {@code ~} in the current one.
   */
  private static Path tilde(CliContext context, String value) {
    if (value.equals("~") || value.startsWith("~/")) {
      String userHome = context.env("HOME").orElse(System.getProperty("user.home", ""));
      return Path.of(userHome + value.substring(1));
    }
    return Path.of(value);
  }

  /** {@code $CHAT_HOME}, else {@code $XDG_DATA_HOME/chat}, else {@code ~/.local/share/chat}. */
  static Path defaultHomeBase(CliContext context) {
    Optional<String> chatHome = context.env("CHAT_HOME");
    if (chatHome.isPresent()) {
      return tilde(context, chatHome.get());
    }
    Optional<String> xdg = context.env("XDG_DATA_HOME").filter(v -> v.startsWith("/"));
    if (xdg.isPresent()) {
      return Path.of(xdg.get(), "chat");
    }
    String userHome = context.env("HOME").orElse(System.getProperty("user.home", "."));
    return Path.of(userHome, ".local", "share", "chat");
  }

  /**
   * {@code name} as a room id ({@code #name}, lowercase) unless it is already an id ({@code @…},
   * checked where it is used).
   *
   * @throws CommandException.Usage naming the rule and {@code name} as typed, if it is no room name
   */
  static String conversationArgument(String name) {
    if (name.startsWith("@")) {
      return name;
    }
    String id = "#" + (name.startsWith("#") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    if (!ConversationIds.isRoom(id)) {
      throw CommandException.Usage.notARoomName(name);
    }
    return id;
  }
}
