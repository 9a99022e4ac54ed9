package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.protocol.Usernames;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /file send|accept|reject} and {@code /files}. Sending and accepting may take a while: they
 * run through {@link CommandContext#runLong}, in the background where the front end can.
 */
final class FileCommands {
  private static final String USAGE =
      "/file send PATH [USER|ROOM] | cancel [ID] | accept ID | reject ID";

  private FileCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named(
                "file",
                USAGE,
                "send a file end-to-end encrypted, or accept or reject one offered to you")
            .arguments(1, SlashCommand.UNLIMITED) // /file cancel may name no file
            .completes(ArgumentKind.OTHER, ArgumentKind.OTHER, ArgumentKind.CONVERSATION)
            .help(
                "send PATH [USER|ROOM]: encrypts the file with a fresh key, uploads it and offers",
                "  it to the current conversation (or to USER privately, or to ROOM).",
                "accept ID: downloads an offered file into your download folder, checks it and",
                "  saves it under a safe name (never replacing a file); ID is the file id shown",
                "  with the offer, or a unique prefix of it of 4 or more hex digits. An",
                "  interrupted download resumes.",
                "cancel [ID]: stops a file you are sending (the only one, or the one whose id",
                "  starts with ID, as /files shows it) and deletes it on the relay.",
                "reject ID: declines an offer; it stays listed as rejected. While it downloads,",
                "  this stops the download.",
                "examples: /file send ~/report.pdf   /file send notes.txt alice",
                "          /file accept 3f2a")
            .runs(FileCommands::file),
        SlashCommand.named("files", "/files", "list files offered to you and sent by you")
            .help("Shows each file's id, name, size, who offered it where, and its state.")
            .runs(FileCommands::list));
  }

  private static void file(Input.Command command, CommandContext context) {
    String verb = command.arg(0).toLowerCase(java.util.Locale.ROOT);
    if (command.argCount() < 2 && !verb.equals("cancel")) {
      throw new CommandException.Usage("usage: " + USAGE + "  (/help file)");
    }
    switch (verb) {
      case "send" -> send(command, context);
      case "accept", "get" -> accept(command.arg(1), context);
      case "reject" -> reject(command.arg(1), context);
      case "cancel" -> cancel(command, context);
      default ->
          throw new CommandException.Usage(
              "/file send PATH [USER|ROOM], /file cancel [ID], /file accept ID or /file reject"
                  + " ID");
    }
  }

  private static void send(Input.Command command, CommandContext context) {
    Arguments.self(context);
    String rest = command.rest(1);
    String typed = rest;
    String target = null;
    int space = rest.lastIndexOf(' ');
    if (space > 0 && !Files.exists(path(rest))) {
      String prefix = rest.substring(0, space).strip();
      String last = rest.substring(space + 1);
      // The last word names where to send only if the rest is a file (not a folder) or the word is
      // clearly a conversation or a known user; else the whole text is the (missing) path, named
      // in full.
      if (Files.isRegularFile(path(prefix)) || namesConversation(last, context)) {
        typed = prefix;
        target = last;
      }
    }
    Path file = SendableFile.check(path(typed), typed);
    String conversation = target == null ? Arguments.current(context) : recipient(target, context);
    String where = Arguments.label(context, conversation);
    ChatClient client = context.client();
    context.runLong(
        "sending " + file.getFileName(),
        () -> {
          FileOffer offer;
          try {
            offer = client.sendFile(conversation, file);
          } catch (CommandException.Usage e) {
            if (ChatClient.SEND_CANCELLED.equals(e.getMessage())) {
              // asked for with /file cancel: said as done, not as a failure
              context.info(
                  "sending "
                      + FileText.name(file.getFileName().toString())
                      + ": "
                      + e.getMessage());
              return;
            }
            throw e;
          }
          context.offered(
              offer,
              "sent "
                  + FileText.name(offer.name())
                  + " ("
                  + FileText.size(offer.size())
                  + ") to "
                  + where
                  + " as file "
                  + offer.shortId());
        });
  }

  /**
   * Where {@code target} sends a file: as elsewhere, except that a bare name that is not a room you
   * are in means a user (as {@code chat file send --to} reads it), so an unknown name is refused as
   * "no such user" rather than as a room you are not in.
   */
  private static String recipient(String target, CommandContext context) {
    boolean bare =
        !target.startsWith("#") && !target.startsWith("@") && !Arguments.isNumber(target);
    String room = "#" + target.toLowerCase(java.util.Locale.ROOT);
    if (bare && !context.client().conversations().contains(room)) {
      return ConversationResolver.direct(target, context);
    }
    return ConversationResolver.resolve(target, context);
  }

  private static boolean namesConversation(String word, CommandContext context) {
    if (word.startsWith("#") || word.startsWith("@")) {
      return true;
    }
    ChatClient client = context.client();
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    return client.conversations().contains("#" + lower)
        || client.knownUsers().stream().anyMatch(user -> user.equalsIgnoreCase(word));
  }

  /**
   * {@code typed} as a path, with a leading {@code ~} meaning the home directory ({@link
   * #homeDirectory}). A path that names no file as typed but does once a terminal's quoting is
   * taken off is that file: dropped on a terminal, a file arrives quoted ({@code '/tmp/my
   * doc.txt'}, {@code "/tmp/my doc.txt"}) or with its spaces escaped ({@code /tmp/my\ doc.txt}).
   */
  static Path path(String typed) {
    Path asTyped = expanded(typed, typed);
    if (Files.exists(asTyped)) {
      return asTyped;
    }
    int last = typed.length() - 1;
    if (last > 0
        && (typed.charAt(0) == '\'' || typed.charAt(0) == '"')
        && typed.charAt(last) == typed.charAt(0)) {
      Path unquoted = expanded(typed.substring(1, last), typed);
      if (Files.exists(unquoted)) {
        return unquoted;
      }
    }
    if (typed.indexOf('\\') >= 0) {
      Path unescaped = expanded(typed.replaceAll("\\\\(.)", "$1"), typed);
      if (Files.exists(unescaped)) {
        return unescaped;
      }
    }
    return asTyped;
  }

  private static Path expanded(String text, String typed) {
    String expanded = text;
    if (text.equals("~") || text.startsWith("~/")) {
      expanded = homeDirectory() + text.substring(1);
    }
    try {
      return Path.of(expanded);
    } catch (InvalidPathException e) {
      throw new CommandException.Usage("not a file path: " + typed);
    }
  }

  /**
   * The folder a leading {@code ~} stands for: {@code $HOME} when it is set and not empty, else the
   * JVM's {@code user.home}; the default download folder ({@code ~/Downloads/chat}) is read the
   * same way, so {@code ~} means one folder throughout.
   */
  static String homeDirectory() {
    String home = System.getenv("HOME");
    return home != null && !home.isEmpty() ? home : System.getProperty("user.home", "");
  }

  private static void accept(String id, CommandContext context) {
    ChatClient client = context.client();
    // "accepting a file: no file offer zz ..." for an id that names no offer: nothing downloads
    AtomicReference<String> what = new AtomicReference<>("accepting a file");
    context.runLong(
        what::get,
        () -> {
          // named by the file once known, so a cut-off or failure says "downloading big.bin"
          what.set("downloading " + FileText.name(client.fileOffer(id).name()));
          Path saved;
          try {
            saved = client.acceptFile(id);
          } catch (CommandException.Usage e) {
            if (ChatClient.DOWNLOAD_REJECTED.equals(e.getMessage())) {
              // asked for with /file reject: said as done, not as a failure
              context.info(what.get() + ": " + e.getMessage());
              return;
            }
            throw e;
          }
          context.info("saved " + saved + " (size and SHA-256 verified)");
        });
  }

  private static void reject(String id, CommandContext context) {
    FileOffer offer = context.client().fileOffer(id); // named as its offer was, not as typed
    String rejected = "rejected " + FileText.name(offer.name()) + " (file " + offer.shortId() + ")";
    context.info(
        context.client().rejectFile(id)
            ? rejected + ": its download stops, and what it fetched is deleted"
            : rejected);
  }

  private static void cancel(Input.Command command, CommandContext context) {
    String name = context.client().cancelFileSend(command.rest(1));
    context.info(
        "cancelled sending "
            + FileText.name(name)
            + ": it stops before its next chunk and is deleted on the relay");
  }

  private static void list(Input.Command command, CommandContext context) {
    Set<String> ignored = context.client().ignoredUsers();
    // Offers of users ignored are left out, as they are live (a transfer begun is still listed).
    List<FileTransfer> files =
        context.client().files().stream()
            .filter(
                f ->
                    f.outgoing()
                        || f.state() != TransferState.OFFERED
                        || !ignored.contains(Usernames.key(f.sender())))
            .toList();
    if (files.isEmpty()) {
      context.info("no files offered or sent yet: /file send PATH shares one");
      return;
    }
    String self = context.client().username().orElse(null);
    context.info("files, newest first (/file accept ID to download):");
    for (FileTransfer file : files) {
      context.info("  " + FileText.listLine(file, self, context.client()::spelling));
    }
  }
}
