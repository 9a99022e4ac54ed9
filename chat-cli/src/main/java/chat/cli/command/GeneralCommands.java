package chat.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@code /help}, {@code /clear} and {@code /quit}. */
final class GeneralCommands {
  private static final int USAGE_COLUMN = 30;

  /** The widest line of help, in columns, as the README promises for line mode. */
  static final int WIDTH = 80;

  /** {@code /help keys}: the keys of the front end, where no command has that name. */
  private static final String KEYS_TOPIC = "keys";

  private GeneralCommands() {}

  /** The commands; {@code /help} reads the finished registry through {@code registry}. */
  static List<SlashCommand> all(Supplier<CommandRegistry> registry) {
    return List.of(
        SlashCommand.named("clear", "/clear", "clear the pane (the screen in line mode)")
            .withoutLogin()
            .runs((command, context) -> context.clear()),
        SlashCommand.named(
                "help", "/help [COMMAND|keys]", "list commands, explain one, or list the keys")
            .arguments(0, 1)
            .withoutLogin()
            .completes(ArgumentKind.COMMAND)
            .help("examples: /help   /help join   /help keys")
            .runs((command, context) -> help(registry.get(), command, context)),
        SlashCommand.named("quit", "/quit", "leave the chat (the session stays saved)")
            .aliases("exit")
            .withoutLogin()
            .help("Closes this window; /login NAME resumes the session later without a password.")
            .runs((command, context) -> context.quit()));
  }

  private static void help(
      CommandRegistry registry, Input.Command command, CommandContext context) {
    if (command.argCount() == 0) {
      context.info("commands (/help COMMAND for details):");
      List<String> table = new ArrayList<>();
      List<String> entries = new ArrayList<>();
      for (SlashCommand each : registry.commands()) {
        table.addAll(listRow(each));
        entries.add("  " + each.usage() + "  " + each.summary() + aliases(each));
      }
      context.helpList(table, entries);
      context.info("text without a slash goes to the current conversation; //text sends /text");
      if (!context.keys().isEmpty()) {
        context.info("/help keys lists the keys of this window");
      }
      return;
    }
    String typed = command.arg(0);
    if (typed.equalsIgnoreCase(KEYS_TOPIC) && registry.find(typed).isEmpty()) {
      List<String> keys = context.keys();
      if (keys.isEmpty()) {
        context.info("no keys here besides typing a line: /help lists the commands");
      } else {
        context.info("keys:");
        context.helpList(keys, keys);
      }
      return;
    }
    SlashCommand found =
        registry.find(typed).orElseThrow(() -> SlashCommandDispatcher.unknown(registry, typed));
    context.info("usage: " + found.usage() + aliases(found));
    context.info(found.summary());
    context.help(found.details());
  }

  /**
   * A command's rows in the {@code /help} list, none wider than {@value #WIDTH} columns: the usage,
   * then the summary in its column, wrapped under itself; a usage too long for its column is a row
   * of its own, with the summary below in its column.
   */
  static List<String> listRow(SlashCommand command) {
    List<String> rows = new ArrayList<>();
    String indent = "  " + pad("") + " ";
    String first;
    if (command.usage().length() < USAGE_COLUMN) {
      first = "  " + pad(command.usage()) + " ";
    } else {
      rows.add("  " + command.usage());
      first = indent;
    }
    StringBuilder row = new StringBuilder(first);
    for (String word : (command.summary() + aliases(command)).split(" ")) {
      if (row.length() > indent.length() && row.length() + 1 + word.length() > WIDTH) {
        rows.add(row.toString());
        row = new StringBuilder(indent);
      }
      if (row.length() > indent.length()) {
        row.append(' ');
      }
      row.append(word);
    }
    rows.add(row.toString());
    return rows;
  }

  private static String pad(String usage) {
    StringBuilder out = new StringBuilder(usage);
    while (out.length() < USAGE_COLUMN) {
      out.append(' ');
    }
    return out.toString();
  }

  private static String aliases(SlashCommand command) {
    if (command.aliases().isEmpty()) {
      return "";
    }
    return command.aliases().stream()
        .map(a -> "/" + a)
        .collect(Collectors.joining(", ", " (also ", ")"));
  }
}
